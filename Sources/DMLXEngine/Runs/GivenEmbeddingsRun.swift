import DMLXCore
import Dispatch
import Foundation
import Synchronization

/// Embeddings given to `dmlx view`, as the UI follows them: a "run" of one epoch (0)
/// that nothing trains. Its snapshot is published at once with the metrics unknown, so
/// the scatter and the neighbours can be explored while the leave-one-out scoring runs
/// on the run's own queue — a million points take minutes — reported as a step on
/// `board`; the snapshot is published again with the metrics when they are done.
/// Pausing and stepping do nothing; `stop` abandons the scoring.
public final class GivenEmbeddingsRun: RunSource {
    public struct Scoring: Sendable {
        public var seed: UInt64
        public var threads: Int
        /// Where the embeddings came from, for the step's title and the save message.
        public var source: String

        public init(seed: UInt64, threads: Int, source: String) {
            self.seed = seed
            self.threads = threads
            self.source = source
        }
    }

    public let name: String
    private let labels: [Int]
    private let scoring: Scoring
    private let board: ProgressBoard
    private let queue = DispatchQueue(label: "dmlx.given-embeddings")
    private let published: Mutex<(snapshot: EpochSnapshot, status: TrainingRun.Status)>
    private let stopRequested = Atomic<Bool>(false)

    /// `snapshot` is epoch 0 of the embeddings (with their projection), its metrics unknown.
    public init(snapshot: EpochSnapshot, labels: [Int], scoring: Scoring, board: ProgressBoard) {
        precondition(snapshot.embeddings?.rows == labels.count, "one label per embedding")
        name = snapshot.run
        self.labels = labels
        self.scoring = scoring
        self.board = board
        published = Mutex((snapshot, .waiting))
    }

    public var snapshots: [EpochSnapshot] { [published.withLock { $0.snapshot }] }
    public var status: TrainingRun.Status { published.withLock { $0.status } }
    public var stepsInEpoch: Int { 0 }

    public func start(paused: Bool) {
        published.withLock { $0.status = .running }
        queue.async { [self] in
            let embeddings = published.withLock { $0.snapshot.embeddings! }
            let metrics = board.track("scoring \(embeddings.rows) points") { report in
                MetricSuite.evaluate(embeddings: embeddings, labels: labels, seed: scoring.seed, threads: scoring.threads,
                                     abandoningWhen: { report($0) && !self.stopRequested.load(ordering: .relaxed) })
            }
            published.withLock { state in
                guard let metrics else { return state.status = .stopped }
                state.snapshot.metrics = metrics
                state.status = .finished
            }
        }
    }

    public func pause() {}
    public func resume() {}
    public func step() {}

    public func stop() { stopRequested.store(true, ordering: .relaxed) }

    public func waitUntilDone() { queue.sync {} }

    public func saveFile(in directory: URL) -> URL { URL(fileURLWithPath: scoring.source) }

    /// Given embeddings are already a file: nothing is written.
    public func save(to url: URL, completion: @escaping @Sendable (Result<Int, any Error>) -> Void) {
        completion(.failure(CocoaError(.fileWriteUnknown, userInfo: [
            NSLocalizedDescriptionKey: "\(scoring.source) holds these embeddings already",
        ])))
    }
}
