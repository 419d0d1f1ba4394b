import Dispatch
import DMLXCore
import Synchronization

/// Scores classes on its own serial queue while the UI draws: `submit` a job and poll
/// `take()` for its frames, as `MapRun` does for maps. A newer job supersedes the one
/// under way, which stops after its current block of queries; the UI never waits.
public final class ClassTableRun: Sendable {
    private struct Mailbox {
        var latest: ClassTableFrame?
        var finished: [ClassTableFrame] = []
    }

    private let queue = DispatchQueue(label: "dmlx.classes")
    private let generation = Atomic<Int>(0)
    private let mailbox = Mutex(Mailbox())

    public init() {}

    /// Starts `job` after abandoning any job under way.
    public func submit(_ job: ClassTableJob) {
        let ticket = generation.add(1, ordering: .sequentiallyConsistent).newValue
        queue.async { [self] in
            BackgroundPriority.lowerCurrentThread()
            guard isCurrent(ticket) else { return }
            let scores = job.run { [self] share in
                guard isCurrent(ticket) else { return false }
                post(ClassTableFrame(key: job.key, share: share, scores: nil))
                return true
            }
            guard isCurrent(ticket), let scores else { return }
            post(ClassTableFrame(key: job.key, share: 1, scores: scores))
        }
    }

    /// Abandons the job under way, if any.
    public func cancel() {
        generation.add(1, ordering: .sequentiallyConsistent)
    }

    /// Blocks until the queue has nothing left to do (after `cancel`, at most one block).
    public func waitUntilIdle() {
        queue.sync {}
    }

    /// The newest progress of the job under way and the jobs finished since the last call;
    /// the progress is taken once.
    public func take() -> (latest: ClassTableFrame?, finished: [ClassTableFrame]) {
        mailbox.withLock { box in
            defer { box = Mailbox() }
            return (box.latest, box.finished)
        }
    }

    private func post(_ frame: ClassTableFrame) {
        mailbox.withLock { box in
            if frame.scores == nil { box.latest = frame } else { box.finished.append(frame) }
        }
    }

    private func isCurrent(_ ticket: Int) -> Bool {
        generation.load(ordering: .sequentiallyConsistent) == ticket
    }
}
