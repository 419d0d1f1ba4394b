import DMLXCore

/// Chooses informative tuples from a batch.
public protocol Miner: Sendable {
    var name: String { get }
    /// The tuples of the batch worth training on, and statistics about them
    /// ("mined", "mean_positive_distance", "mean_negative_distance", in the miner's
    /// distance). Seeded miners draw from `generator`; the others leave it untouched.
    func mine(embeddings: Matrix<Double>, labels: [Int], generator: inout SeededGenerator) -> (MinedTuples, [String: Double])
}
