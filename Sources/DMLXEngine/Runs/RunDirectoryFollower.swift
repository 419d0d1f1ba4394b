import DMLXCore
import Dispatch
import Foundation
import Synchronization

/// Follows a run directory for the terminal UI (`dmlx watch DIR`): on a queue of its own
/// it polls the directory (`RunWatcher`) every `pollSeconds`, scores and projects every
/// new epoch as a run trained here would (`MetricSuite`, `ProjectionTrack`), and
/// publishes it to the run's `WatchedRun` without its embeddings and proxies, which the
/// UI reads back from the directory while the epoch is on screen. The UI takes new runs
/// and notices as a `RunDiscovery` and never waits for the follower.
///
/// The screens show one test split: the first epoch recorded fixes it (its labels), and
/// an epoch of another split (other labels) is skipped with a notice.
public final class RunDirectoryFollower: RunDiscovery {
    /// The test split the screens show, from the first epoch recorded.
    public struct TestSplit: Sendable {
        public var labels: [Int]
        public var embeddings: Matrix<Float>
        public var metrics: RetrievalMetrics
    }

    public let pollSeconds: Double
    public let seed: UInt64
    public let threads: Int
    private let queue = DispatchQueue(label: "dmlx.watch")
    private let watcher: QueueBound<RunWatcher>
    private let tracks: QueueBound<[String: ProjectionTrack]>
    private let runs = Mutex<[String: WatchedRun]>([:])
    private let pending = Mutex<(runs: [WatchedRun], notices: [String])>(([], []))
    private let split = Mutex<TestSplit?>(nil)
    private let stopped = Atomic<Bool>(false)

    public init(directory: URL, pollSeconds: Double = 0.5, stallSeconds: Double = 120, seed: UInt64 = 0, threads: Int = 1) {
        self.pollSeconds = pollSeconds
        self.seed = seed
        self.threads = threads
        watcher = QueueBound(RunWatcher(directory: directory, stallSeconds: stallSeconds), queue: queue)
        tracks = QueueBound([:], queue: queue)
    }

    /// Starts polling; every poll schedules the next until `stop`.
    public func start() {
        queue.async { [self] in
            BackgroundPriority.lowerCurrentThread()
            poll()
        }
    }

    public func stop() {
        stopped.store(true, ordering: .sequentiallyConsistent)
    }

    /// The test split, once an epoch has been recorded.
    public var testSplit: TestSplit? { split.withLock { $0 } }

    public func newRuns() -> [any RunSource] {
        pending.withLock { box in
            defer { box.runs.removeAll() }
            return box.runs
        }
    }

    public func notices() -> [String] {
        pending.withLock { box in
            defer { box.notices.removeAll() }
            return box.notices
        }
    }

    private func poll() {
        guard !stopped.load(ordering: .sequentiallyConsistent) else { return }
        for event in watcher.value.poll() { handle(event) }
        for run in watcher.value.runs {
            let next = (run.epochs.last ?? 0) + 1
            runs.withLock { $0[run.name] }?.setStepsInEpoch(run.batches(ofEpoch: next).count)
        }
        queue.asyncAfter(deadline: .now() + pollSeconds) { [self] in poll() }
    }

    private func handle(_ event: RunWatcher.Event) {
        switch event {
        case .waitingForDirectory: notice("\(watcher.value.directory.path): waiting for it to appear")
        case .newRun(let name, _):
            let run = WatchedRun(name: name)
            runs.withLock { $0[name] = run }
            pending.withLock { $0.runs.append(run) }
            run.setStatus(.running)
        case .epoch(let name, let epoch, let batches, let seconds, let sinceStart):
            publish(epoch, of: name, batches: batches, seconds: seconds, sinceStart: sinceStart)
        case .closed(let name, let error): runs.withLock { $0[name] }?.setStatus(error.map(TrainingRun.Status.failed) ?? .finished)
        case .stalled(let name, _): runs.withLock { $0[name] }?.setStatus(.stalled)
        case .problem(let text): notice(text)
        }
    }

    private func publish(_ epoch: RecordedEpoch, of name: String, batches: [RecordedRun.Batch], seconds: Double, sinceStart: Double) {
        guard let run = runs.withLock({ $0[name] }) else { return }
        let metrics = MetricSuite.evaluate(embeddings: epoch.embeddings, labels: epoch.labels, seed: seed, threads: threads)
        let shown = split.withLock { split -> [Int] in
            if split == nil { split = TestSplit(labels: epoch.labels, embeddings: epoch.embeddings, metrics: metrics) }
            return split!.labels
        }
        guard epoch.labels == shown else {
            return notice("\(name), epoch \(epoch.epoch): another test split than the first run's (\(epoch.labels.count) points); not shown")
        }
        let projection = try? tracks.value[name, default: ProjectionTrack()].next(epoch.embeddings)
        var snapshot = EpochSnapshot(run: name, recorded: epoch, batches: batches, seconds: seconds, sinceStart: sinceStart,
                                     metrics: metrics, projection: projection)
        // The payload stays in the run directory, read back while on screen, as a run
        // trained here keeps it.
        if let directory = watcher.value.runs.first(where: { $0.name == name })?.directory {
            snapshot = snapshot.recorded(in: RunDirectoryFormat.epochDirectory(epoch.epoch, ofRun: directory))
        }
        run.publish(snapshot, labels: epoch.labels)
    }

    private func notice(_ text: String) {
        pending.withLock { $0.notices.append(text) }
    }
}
