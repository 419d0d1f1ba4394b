import Foundation

/// What the terminal UI follows: a run that publishes epoch snapshots into a mailbox it
/// polls, trained here (`TrainingRun`) or elsewhere and read from its run directory
/// (`WatchedRun`). Controls that a source cannot obey (pausing a run on another machine)
/// do nothing.
public protocol RunSource: AnyObject, Sendable {
    var name: String { get }
    /// Every published snapshot, in epoch order.
    var snapshots: [EpochSnapshot] { get }
    var status: TrainingRun.Status { get }
    /// Batches (or a classic fit's iterations) done in the epoch under way.
    var stepsInEpoch: Int { get }
    func start(paused: Bool)
    func pause()
    func resume()
    func step()
    func stop()
    func waitUntilDone()
    /// Where `save` writes in `directory`: a checkpoint for a run trained here, the newest
    /// epoch's embeddings for a watched one.
    func saveFile(in directory: URL) -> URL
    /// Saves to `url`; `completion` runs on the source's queue with the epoch saved.
    func save(to url: URL, completion: @escaping @Sendable (Result<Int, any Error>) -> Void)
}

extension TrainingRun: RunSource {
    public func saveFile(in directory: URL) -> URL { directory.appendingPathComponent("dmlx-\(name).ckpt") }
}

/// Where runs come from that appear while the UI runs (a watched run directory). The UI
/// polls it with its runs.
public protocol RunDiscovery: Sendable {
    /// Runs that appeared since the last call, each handed over once.
    func newRuns() -> [any RunSource]
    /// Lines for the status bar since the last call.
    func notices() -> [String]
}
