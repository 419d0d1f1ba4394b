import DMLXEngine

/// Scores classes on its own serial queue while the UI draws: `submit` a job and poll
/// `take()` for its frames, as `MapRun` does for maps. A newer job supersedes the one
/// under way, which stops after its current block of queries; the UI never waits
/// (`LatestJobQueue`, whose newest frame is progress, taken once).
public final class ClassTableRun: Sendable {
    private let jobs = LatestJobQueue<ClassTableFrame>(label: "dmlx.classes", newestFrame: .takenOnce) { $0.scores != nil }

    public init() {}

    /// Starts `job` after abandoning any job under way.
    public func submit(_ job: ClassTableJob) {
        jobs.submit { post in
            let scores = job.run { share in post(ClassTableFrame(key: job.key, share: share, scores: nil)) }
            if let scores { _ = post(ClassTableFrame(key: job.key, share: 1, scores: scores)) }
        }
    }

    /// Abandons the job under way, if any.
    public func cancel() { jobs.cancel() }

    /// Blocks until the queue has nothing left to do (after `cancel`, at most one block).
    public func waitUntilIdle() { jobs.waitUntilIdle() }

    /// The newest progress of the job under way and the jobs finished since the last call;
    /// the progress is taken once.
    public func take() -> (latest: ClassTableFrame?, finished: [ClassTableFrame]) { jobs.take() }
}
