import DMLXCore
import Dispatch
import Foundation
import Synchronization

/// Embeddings given to `dmlx view`, as the UI follows them: a "run" of one epoch (0)
/// that nothing trains. Its snapshot is published at once with the metrics unknown, so
/// the scatter and the neighbours can be explored while the leave-one-out scoring runs
/// on the run's own queue — a million points take minutes — reported as a step on
/// `board`, with the neighbours of `index` (exact, or approximate for many points); the
/// snapshot is published again with the metrics when they are done. Pausing and
/// stepping do nothing; `stop` abandons the scoring.
public final class GivenEmbeddingsRun: RunSource {
    public let name: String
    private let labels: [Int]
    private let index: NeighborIndex
    /// The seed of k-means behind NMI and AMI.
    private let seed: UInt64
    /// Where the embeddings came from, for the save message.
    private let source: String
    private let board: ProgressBoard
    private let queue = DispatchQueue(label: "dmlx.given-embeddings")
    private let published: Mutex<(snapshot: EpochSnapshot, status: TrainingRun.Status)>
    private let stopRequested = Atomic<Bool>(false)

    /// `snapshot` is epoch 0 of the embeddings (with their projection), its metrics
    /// unknown; `index` is built over the same embeddings.
    public init(snapshot: EpochSnapshot, labels: [Int], index: NeighborIndex, seed: UInt64, source: String, board: ProgressBoard) {
        precondition(index.points.rows == labels.count && snapshot.embeddings?.rows == labels.count, "one label per embedding")
        name = snapshot.run
        self.labels = labels
        self.index = index
        self.seed = seed
        self.source = source
        self.board = board
        published = Mutex((snapshot, .waiting))
    }

    public var snapshots: [EpochSnapshot] { [published.withLock { $0.snapshot }] }
    public var status: TrainingRun.Status { published.withLock { $0.status } }
    public var stepsInEpoch: Int { 0 }

    public func start(paused: Bool) {
        published.withLock { $0.status = .running }
        queue.async { [self] in
            BackgroundPriority.lowerCurrentThread()
            let scored = board.track("scoring \(labels.count) points" + (index.isExact ? "" : " (approximate: \(index.summary))")) { report in
                Result { () throws(NeighborIndexError) in
                    try MetricSuite.evaluate(index: index, labels: labels, seed: seed,
                                             abandoningWhen: { report($0) && !self.stopRequested.load(ordering: .relaxed) })
                }
            }
            published.withLock { state in
                switch scored {
                case .success(let metrics?):
                    state.snapshot.metrics = metrics
                    state.status = .finished
                case .success(nil): state.status = .stopped
                case .failure(let error): state.status = .failed(error.description)
                }
            }
        }
    }

    public func pause() {}
    public func resume() {}
    public func step() {}

    public func stop() { stopRequested.store(true, ordering: .relaxed) }

    public func waitUntilDone() { queue.sync {} }

    public func saveFile(in directory: URL) -> URL { URL(fileURLWithPath: source) }

    /// Given embeddings are already a file: nothing is written.
    public func save(to url: URL, completion: @escaping @Sendable (Result<Int, any Error>) -> Void) {
        completion(.failure(CocoaError(.fileWriteUnknown, userInfo: [
            NSLocalizedDescriptionKey: "\(source) holds these embeddings already",
        ])))
    }
}
