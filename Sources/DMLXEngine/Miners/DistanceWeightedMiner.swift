import DMLXCore
import Foundation

/// Distance-weighted sampling (Wu, Manmatha, Smola & Krähenbühl 2017, "Sampling Matters
/// in Deep Embedding Learning"), as pytorch-metric-learning's `DistanceWeightedMiner`.
///
/// On the unit sphere in d dimensions pairwise distances have density
/// q(D) ∝ D^{d−2} (1 − D²/4)^{(d−3)/2}; negatives are drawn with weight 1/q(D), with D
/// clamped below at `cutoff` (0.5) to limit variance, and weight 0 from
/// `nonzeroLossCutoff` (1.4) on, where a margin loss would be zero anyway. Distances are
/// `LpDistance` on normalised embeddings (PML requires it).
///
/// For every anchor–positive pair (a, p) one negative is drawn from a's weights with the
/// run's seeded generator (PML draws as many positives per anchor at random, with
/// replacement; enumerating them keeps the positives deterministic). Anchors whose
/// negatives all have weight 0 give no triplet.
public struct DistanceWeightedMiner: Miner {
    public let cutoff: Double
    public let nonzeroLossCutoff: Double
    private let distance = LpDistance()

    public init(cutoff: Double = 0.5, nonzeroLossCutoff: Double = 1.4) {
        self.cutoff = cutoff
        self.nonzeroLossCutoff = nonzeroLossCutoff
    }

    public var name: String { "distance-weighted" }

    public func mine(embeddings: Matrix<Double>, labels: [Int], generator: inout SeededGenerator) -> (MinedTuples, [String: Double]) {
        let matrix = distance.matrix(embeddings)
        let dimension = Double(embeddings.cols)
        var triplets = [(Int, Int, Int)]()
        let positivesByAnchor = Dictionary(grouping: MinedTuples.allPairs(labels: labels).positive, by: \.0)
        for a in labels.indices {
            let weights = negativeWeights(row: a, labels: labels, matrix: matrix, dimension: dimension)
            guard weights.contains(where: { $0 > 0 }) else { continue }
            for (_, p) in positivesByAnchor[a] ?? [] {
                triplets.append((a, p, generator.nextIndex(weights: weights)))
            }
        }
        let tuples = MinedTuples.triplets(triplets)
        return (tuples, MiningStatistics.of(tuples, matrix: matrix))
    }

    /// Weights 1/q(D) over the batch for anchor `row`: 0 for same-class entries, distances
    /// at or beyond `nonzeroLossCutoff` and non-finite values; scaled by the row's largest
    /// log-weight so that exp does not overflow in high dimension.
    private func negativeWeights(row: Int, labels: [Int], matrix: Matrix<Double>, dimension: Double) -> [Double] {
        let logWeights = labels.indices.map { j -> Double? in
            let d = max(matrix[row, j], cutoff)
            guard labels[j] != labels[row], matrix[row, j] < nonzeroLossCutoff else { return nil }
            let value = (2 - dimension) * log(d) - (dimension - 3) / 2 * log(1 - 0.25 * d * d)
            return value.isFinite ? value : nil
        }
        let largest = logWeights.compactMap { $0 }.max() ?? 0
        return logWeights.map { $0.map { exp($0 - largest) } ?? 0 }
    }
}
