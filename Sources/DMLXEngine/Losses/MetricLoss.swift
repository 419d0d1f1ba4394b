import DMLXCore

/// A metric-learning loss on a batch of embeddings, in the decomposition of
/// pytorch-metric-learning: a `Distance` makes the batch's distance (or similarity)
/// matrix, an optional `Miner` picks the tuples, the loss turns matrix entries and
/// tuples into per-tuple terms, and a `Reducer` makes the scalar.
///
/// The loss stage runs in `Double`: batches are small, and the conformance test checks
/// every gradient against central differences.
public protocol MetricLoss: AnyObject {
    /// The registry name, e.g. "triplet" or "proxy-nca".
    var name: String { get }
    /// Parameters the loss owns (proxies), updated by the optimizer with the model's.
    var parameters: [Parameter] { get }
    /// The loss of `embeddings` (batch × dim) with `labels`. `tuples` are the miner's
    /// output, or nil to use every valid tuple of the batch. The returned gradient is
    /// with respect to `embeddings`; gradients of `parameters` are added to their
    /// `gradient` fields.
    func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?) -> LossEvaluation
}

/// What one loss evaluation produced.
public struct LossEvaluation: Sendable {
    /// The reduced loss.
    public var value: Double
    /// ∂value/∂embeddings, batch × dim.
    public var gradient: Matrix<Double>
    /// Counts for the UI and JSON: e.g. "tuples", "active" (non-zero terms).
    public var statistics: [String: Double]

    public init(value: Double, gradient: Matrix<Double>, statistics: [String: Double] = [:]) {
        self.value = value
        self.gradient = gradient
        self.statistics = statistics
    }
}

/// Index tuples chosen by a miner, indices into the batch.
public enum MinedTuples: Sendable, Equatable {
    /// Positive pairs (anchor, positive) and negative pairs (anchor, negative).
    case pairs(positive: [(Int, Int)], negative: [(Int, Int)])
    /// Triplets (anchor, positive, negative).
    case triplets([(Int, Int, Int)])

    public static func == (a: MinedTuples, b: MinedTuples) -> Bool {
        switch (a, b) {
        case let (.pairs(p1, n1), .pairs(p2, n2)):
            return p1.elementsEqual(p2, by: ==) && n1.elementsEqual(n2, by: ==)
        case let (.triplets(t1), .triplets(t2)):
            return t1.elementsEqual(t2, by: ==)
        default:
            return false
        }
    }
}

/// Chooses informative tuples from a batch.
public protocol Miner: Sendable {
    var name: String { get }
    /// The tuples of the batch worth training on, and statistics about them
    /// (e.g. "mined", "hardest_gap").
    func mine(embeddings: Matrix<Double>, labels: [Int], generator: inout SeededGenerator) -> (MinedTuples, [String: Double])
}
