import Foundation
import Synchronization

/// A run trained elsewhere, as the UI follows it: `RunDirectoryFollower` publishes its
/// epochs (scored and projected here) and status into a mailbox the UI polls, as a
/// `TrainingRun` does for a run trained here. A run on another machine cannot be paused,
/// stepped or stopped from this one, so those controls do nothing; saving writes the
/// newest epoch's embeddings and labels as .npy files that `dmlx view` opens.
public final class WatchedRun: RunSource {
    private struct Published {
        var snapshots: [EpochSnapshot] = []
        var status: TrainingRun.Status = .waiting
        var stepsInEpoch = 0
        /// The test split's labels, as the run recorded them.
        var labels: [Int] = []
    }

    public let name: String
    private let mailbox = Mutex(Published())

    public init(name: String) {
        self.name = name
    }

    public var snapshots: [EpochSnapshot] { mailbox.withLock { $0.snapshots } }
    public var status: TrainingRun.Status { mailbox.withLock { $0.status } }
    public var stepsInEpoch: Int { mailbox.withLock { $0.stepsInEpoch } }

    public func start(paused: Bool) {}
    public func pause() {}
    public func resume() {}
    public func step() {}
    public func stop() {}
    public func waitUntilDone() {}

    public func saveFile(in directory: URL) -> URL { directory.appendingPathComponent("dmlx-\(name).npy") }

    /// Writes the newest epoch's embeddings to `url` and its labels beside it
    /// (`<name>-labels.npy`, where `dmlx view` and `eval` look for them).
    public func save(to url: URL, completion: @escaping @Sendable (Result<Int, any Error>) -> Void) {
        completion(Result {
            let (latest, labels) = mailbox.withLock { ($0.snapshots.last, $0.labels) }
            guard let latest, let embeddings = try latest.loadingPayload().embeddings else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(name) has recorded no epoch yet"])
            }
            try NpyWriter.write(embeddings, to: url.path)
            try NpyWriter.write(labels: labels, to: url.deletingPathExtension().path + "-labels.npy")
            return latest.epoch
        })
    }

    /// Publishes a new epoch of the test split labelled `labels`; the run is running
    /// again if it was stalled.
    func publish(_ snapshot: EpochSnapshot, labels: [Int]) {
        mailbox.withLock {
            $0.snapshots.append(snapshot)
            $0.labels = labels
            $0.stepsInEpoch = 0
            if !$0.status.isTerminal { $0.status = .running }
        }
    }

    func setStatus(_ status: TrainingRun.Status) { mailbox.withLock { $0.status = status } }

    func setStepsInEpoch(_ steps: Int) { mailbox.withLock { $0.stepsInEpoch = steps } }
}
