import Foundation

/// Follows a run directory as its writers add to it (`dmlx watch`): each `poll()` reads
/// what is new and reports it as events, every epoch once, in order within its run. A
/// directory that does not exist yet is waited for; a run whose writer goes quiet for
/// `stallSeconds` without closing is reported stalled once (and again if it resumes and
/// stops again); an epoch that cannot be read is reported with its file and skipped.
public struct RunWatcher: Sendable {
    public enum Event: Sendable {
        case waitingForDirectory
        case newRun(name: String, configuration: String)
        /// An epoch in full, with the batches recorded for it and the seconds since the
        /// run's previous epoch (since its creation for the first).
        case epoch(run: String, RecordedEpoch, batches: [RecordedRun.Batch], seconds: Double, sinceStart: Double)
        case closed(run: String, error: String?)
        case stalled(run: String, quietSeconds: Double)
        case problem(String)
    }

    public let directory: URL
    public let stallSeconds: Double
    public private(set) var runs: [RecordedRun] = []
    private var reported: [String: Int] = [:]
    private var lastEpochTime: [String: Double] = [:]
    private var announced: Set<String> = []
    private var stalled: Set<String> = []
    private var problemsSeen: Set<String> = []
    private var saidWaiting = false

    public init(directory: URL, stallSeconds: Double = 120) {
        self.directory = directory
        self.stallSeconds = stallSeconds
    }

    /// Whether every run found has ended (closed, or stalled) and every epoch was reported.
    public var isFinished: Bool {
        !runs.isEmpty && runs.allSatisfy { run in
            (run.isClosed || stalled.contains(run.name)) && (run.epochs.last.map { reported[run.name] ?? -1 >= $0 } ?? true)
        }
    }

    public mutating func poll(now: Double = Date().timeIntervalSince1970) -> [Event] {
        var events: [Event] = []
        guard FileManager.default.fileExists(atPath: directory.path) else {
            if !saidWaiting { events.append(.waitingForDirectory) }
            saidWaiting = true
            return events
        }
        let found = RunDirectory.runs(in: directory)
        events += found.problems.filter { problemsSeen.insert($0).inserted }.map(Event.problem)
        for run in found.runs where !runs.contains(where: { $0.name == run.name }) {
            runs.append(run)
            events.append(.newRun(name: run.name, configuration: run.configuration))
        }
        for index in runs.indices {
            events += runs[index].refresh().filter { problemsSeen.insert($0).inserted }.map(Event.problem)
            events += newEpochs(of: index)
            events += changesOfState(of: runs[index], now: now)
        }
        return events
    }

    private mutating func newEpochs(of index: Int) -> [Event] {
        let run = runs[index]
        var events: [Event] = []
        for epoch in run.epochs where epoch > reported[run.name] ?? -1 {
            reported[run.name] = epoch
            do {
                let recorded = try run.loadEpoch(epoch)
                let previous = lastEpochTime[run.name] ?? run.created
                lastEpochTime[run.name] = recorded.time
                events.append(.epoch(run: run.name, recorded, batches: run.batches(ofEpoch: epoch),
                                     seconds: recorded.time - previous, sinceStart: recorded.time - run.created))
            } catch {
                events.append(.problem("\(error) (epoch \(epoch) of \(run.name) skipped)"))
            }
        }
        return events
    }

    private mutating func changesOfState(of run: RecordedRun, now: Double) -> [Event] {
        if let closing = run.closing {
            return announced.insert(run.name).inserted ? [.closed(run: run.name, error: closing.error)] : []
        }
        if run.isStalled(after: stallSeconds, now: now) {
            return stalled.insert(run.name).inserted ? [.stalled(run: run.name, quietSeconds: now - run.lastChange)] : []
        }
        stalled.remove(run.name)
        return []
    }
}
