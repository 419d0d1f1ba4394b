import Dispatch
import DMLXEngine
import DMLXTerm
import Foundation
import Synchronization

/// The UI loop, generic over the terminal: wait briefly for input, pull the runs' new
/// snapshots from their mailboxes, `update`, carry out the effects, and render a frame
/// when something changed. It runs on the calling (main) thread and never waits for a
/// run: `DispatchQueue.main.async` would not run while this loop holds the main thread,
/// so news from the runs is polled.
public final class AppRuntime<Backend: TerminalBackend> {
    /// How long one wait for input lasts; the runs are polled at least this often.
    public static var pollMilliseconds: Int { 40 }

    public private(set) var state: AppState
    /// How long the most recent frames took to render and present (at most 1000 kept).
    public private(set) var recentFrameMilliseconds: [Double] = []
    private var screen: Screen<Backend>
    private var runs: [any RunSource]
    private let discovery: (any RunDiscovery)?
    private let maps: MapRun
    /// The Classes screen's scoring, made here: no caller needs to share it.
    private let classTables = ClassTableRun()
    private let progress: ProgressBoard?
    private var seenProgress: [String] = []
    private let checkpointDirectory: URL
    private let notices = NoticeQueue()
    private var seen: [(count: Int, status: TrainingRun.Status, steps: Int)]
    private var seenMapFrame: (key: MapKey, stage: MapFrame.Stage, iteration: Int)?

    /// `runs` must be in the order of `state.runs`; `discovery`, polled with them, hands
    /// over runs that appear later (a watched directory's new runs), which are started and
    /// added to the state, and notices of its own (a corrupt file skipped). Saves (`s`) go
    /// to `checkpointDirectory`. Maps are made on `maps`' queue. The steps on `progress`
    /// are drawn as bars in the status line; leaving the UI cancels them.
    public init(state: AppState, backend: Backend, runs: [any RunSource], discovery: (any RunDiscovery)? = nil,
                maps: MapRun, progress: ProgressBoard? = nil, checkpointDirectory: URL) {
        var initial = state
        initial.size = AppState.Size(width: backend.size.width, height: backend.size.height)
        initial.glyphs = backend.glyphs
        initial.capability = backend.capability
        self.state = initial
        self.screen = Screen(backend: backend)
        self.runs = runs
        self.discovery = discovery
        self.maps = maps
        self.progress = progress
        self.checkpointDirectory = checkpointDirectory
        seen = runs.map { _ in (0, .waiting, 0) }
    }

    /// Starts the runs and loops until the user quits. On the way out the runs and the
    /// map queue are stopped and awaited (at most one batch or map step each), so the
    /// process never exits with work in flight on another thread.
    public func run() {
        runs.forEach { $0.start(paused: false) }
        defer {
            progress?.cancel()
            runs.forEach { $0.stop() }
            maps.cancel()
            classTables.cancel()
            runs.forEach { $0.waitUntilDone() }
            maps.waitUntilIdle()
            classTables.waitUntilIdle()
        }
        perform(state.update(.maps(latest: nil, finished: [])))
        var needsFrame = true
        while !state.shouldQuit {
            if needsFrame { renderFrame() }
            // A history still being counted (a little per update) is drawn as it grows.
            needsFrame = state.isDerivingHistory
            for message in pendingMessages() {
                if case .key(.resize) = message { screen.invalidate() }
                perform(state.update(message))
                needsFrame = true
            }
        }
    }

    /// Input first (waiting up to `pollMilliseconds` for the first key, then taking what
    /// else is queued without waiting), then news from the runs and effects.
    private func pendingMessages() -> [AppMessage] {
        var messages: [AppMessage] = []
        if let key = screen.backend.readKey(timeoutMilliseconds: Self.pollMilliseconds) {
            messages.append(.key(key))
            while messages.count < 64, let more = screen.backend.readKey(timeoutMilliseconds: 0) {
                messages.append(.key(more))
            }
        }
        for run in discovery?.newRuns() ?? [] {
            run.start(paused: false)
            runs.append(run)
            seen.append((0, .waiting, 0))
            messages.append(.runAdded(RunView(name: run.name, plannedEpochs: 0)))
        }
        for (index, run) in runs.enumerated() {
            let (snapshots, status) = (run.snapshots, run.status)
            // A classic fit's iteration count is news (its one epoch can take seconds); a
            // deep run's batch count is not worth a frame.
            let steps = state.runs[index].isClassic ? run.stepsInEpoch : 0
            if snapshots.count != seen[index].count || status != seen[index].status || steps != seen[index].steps {
                seen[index] = (snapshots.count, status, steps)
                messages.append(.run(index: index, snapshots: snapshots, status: status, steps: steps))
            }
        }
        let (latest, finished) = maps.take()
        let isNews = latest.map { frame in
            seenMapFrame.map { $0.key != frame.key || $0.stage != frame.stage || $0.iteration != frame.iteration } ?? true
        } ?? false
        if isNews || !finished.isEmpty {
            seenMapFrame = latest.map { ($0.key, $0.stage, $0.iteration) }
            messages.append(.maps(latest: latest, finished: finished))
        }
        let classNews = classTables.take()
        if classNews.latest != nil || !classNews.finished.isEmpty {
            messages.append(.classTable(latest: classNews.latest, finished: classNews.finished))
        }
        if let tasks = progress?.tasks {
            // A bar is news when its text changes (a percent, a second of the estimate).
            let shown = tasks.map { $0.text() }
            if shown != seenProgress {
                seenProgress = shown
                messages.append(.progress(tasks))
            }
        }
        messages += (notices.drain() + (discovery?.notices() ?? [])).map(AppMessage.notice)
        return messages
    }

    private func renderFrame() {
        let started = DispatchTime.now().uptimeNanoseconds
        let buffer = AppView.render(state)
        screen.present(buffer)
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        perform(state.update(.frameRendered(milliseconds: milliseconds)))
        if recentFrameMilliseconds.count == 1000 { recentFrameMilliseconds.removeFirst() }
        recentFrameMilliseconds.append(milliseconds)
    }

    private func perform(_ effects: [AppEffect]) {
        for effect in effects {
            switch effect {
            case .pauseRuns: runs.forEach { $0.pause() }
            case .resumeRuns: runs.forEach { $0.resume() }
            case .stepRuns: runs.forEach { $0.step() }
            case .quit: break
            case .computeMap(let job): maps.submit(job)
            case .computeClassTable(let job): classTables.submit(job)
            case .saveCheckpoints:
                for run in runs {
                    let file = run.saveFile(in: checkpointDirectory)
                    run.save(to: file) { [notices] result in
                        let text: String
                        switch result {
                        case .success(let epoch): text = "saved \(file.lastPathComponent) (epoch \(epoch))"
                        case .failure(let error): text = "could not save: \(error)"
                        }
                        notices.append(text)
                    }
                }
            }
        }
    }
}

/// Notices posted from runs' queues (e.g. a finished save), drained by the UI loop.
private final class NoticeQueue: Sendable {
    private let queued = Mutex<[String]>([])

    func append(_ text: String) {
        queued.withLock { $0.append(text) }
    }

    func drain() -> [String] {
        queued.withLock { texts in
            defer { texts.removeAll() }
            return texts
        }
    }
}
