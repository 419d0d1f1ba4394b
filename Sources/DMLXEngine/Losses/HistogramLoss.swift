import DMLXCore
import Foundation

/// The histogram loss (Ustinova & Lempitsky 2016), as pytorch-metric-learning's
/// `HistogramLoss`: the probability that a random negative pair is more similar than a
/// random positive pair, estimated from soft histograms of the two similarity
/// distributions. With R bins of width Δ = 2/R over [−1, 1], nodes t_r = −1 + rΔ
/// (r = 0…R), and each similarity s spread linearly onto its two neighbouring nodes
/// (weight max(0, 1 − |s − t_r|/Δ) on t_r):
///
///     h⁺_r = 1/|S⁺| Σ_{s∈S⁺} max(0, 1 − |s − t_r|/Δ)    (h⁻ likewise)
///     L = Σ_r h⁻_r Φ⁺_r,   Φ⁺_r = Σ_{q≤r} h⁺_q
///
/// Defaults as PML: R = `bins` 100, `CosineSimilarity`. S⁺ and S⁻ are the similarities of
/// the distinct unordered anchor–positive and anchor–negative pairs of the triplets:
/// every valid triplet of the batch without a miner, the mined triplets (or mined pairs
/// joined on their anchor) otherwise. No triplets give 0. The loss is piecewise
/// polynomial; its gradient jumps when a similarity crosses a node, which
/// `nearestKink` reports. A similarity of exactly 1 falls in the last bin (PML would
/// index past its histogram).
public final class HistogramLoss: RegisteredLoss {
    public static let descriptor = LossDescriptor(
        name: "histogram",
        formula: "Σ_r h⁻_r Σ_{q≤r} h⁺_q, h± soft histograms of positive / negative similarities",
        defaults: "100 bins over [−1, 1], cosine similarity, pairs of all triplets of the batch",
        paper: "Ustinova & Lempitsky, Learning Deep Embeddings with Histogram Loss, NeurIPS 2016",
        family: .pairs)

    public let name = descriptor.name
    public let bins: Int
    public let distance: any Distance = CosineSimilarity()
    public var parameters: [Parameter] { [] }

    public init(bins: Int = 100) {
        precondition(bins >= 1, "at least one bin")
        self.bins = bins
    }

    public convenience init(configuration: LossConfiguration, classes: [Int], embeddingDimension: Int,
                            generator: inout SeededGenerator) throws {
        let bins = configuration.bins ?? 100
        guard bins >= 1 else { throw LossRegistryError.invalidOption("histogram needs at least one bin, not \(bins)") }
        self.init(bins: bins)
    }

    public var configuration: LossConfiguration { LossConfiguration(name: name, bins: bins) }

    /// Where one similarity falls: its lower node r and how far it is towards r + 1, in [0, 1].
    private struct Placement {
        var node: Int
        var fraction: Double
    }

    public func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?,
                         parameterValues: [Matrix<Double>]) -> LossEvaluation {
        let triplets = tuples?.triplets ?? MinedTuples.allTriplets(labels: labels)
        guard !triplets.isEmpty else { return .zero(embeddings: embeddings) }
        let matrix = distance.matrix(embeddings)
        let positive = Self.unorderedPairs(triplets.map { ($0.0, $0.1) })
        let negative = Self.unorderedPairs(triplets.map { ($0.0, $0.2) })
        let positivePlacements = positive.map { place(matrix[$0.0, $0.1]) }
        let negativePlacements = negative.map { place(matrix[$0.0, $0.1]) }
        let positiveHistogram = histogram(positivePlacements)
        let negativeHistogram = histogram(negativePlacements)
        var cumulative = positiveHistogram
        for r in cumulative.indices.dropFirst() { cumulative[r] += cumulative[r - 1] }
        let value = zip(negativeHistogram, cumulative).reduce(0) { $0 + $1.0 * $1.1 }
        // L = Σ_q h⁺_q Σ_{r≥q} h⁻_r: moving a positive similarity up by ds moves ds/Δ/|S⁺|
        // of mass from node r to r + 1, which changes L by −h⁻_r; a negative one, by +h⁺_{r+1}.
        let width = 2 / Double(bins)
        var upstream = Matrix<Double>(rows: matrix.rows, cols: matrix.cols)
        for (pair, placement) in zip(positive, positivePlacements) {
            upstream[pair.0, pair.1] -= negativeHistogram[placement.node] / (width * Double(positive.count))
        }
        for (pair, placement) in zip(negative, negativePlacements) {
            upstream[pair.0, pair.1] += positiveHistogram[placement.node + 1] / (width * Double(negative.count))
        }
        let kinks = (positivePlacements + negativePlacements).map { min($0.fraction, 1 - $0.fraction) * width }
        return LossEvaluation(value: value, gradient: distance.backward(embeddings, upstream: upstream),
                              statistics: ["tuples": Double(positive.count + negative.count), "active": value > 0 ? 1 : 0],
                              nearestKink: kinks.min() ?? .infinity)
    }

    private func place(_ similarity: Double) -> Placement {
        let position = (similarity + 1) * Double(bins) / 2
        let node = min(max(Int(position.rounded(.down)), 0), bins - 1)
        return Placement(node: node, fraction: position - Double(node))
    }

    /// The soft histogram over the R + 1 nodes, normalised to total mass 1.
    private func histogram(_ placements: [Placement]) -> [Double] {
        var masses = Array(repeating: 0.0, count: bins + 1)
        let share = 1 / Double(placements.count)
        for placement in placements {
            masses[placement.node] += (1 - placement.fraction) * share
            masses[placement.node + 1] += placement.fraction * share
        }
        return masses
    }

    /// The distinct pairs as (smaller, larger) index, in ascending order (PML's `filter_pairs`).
    private static func unorderedPairs(_ pairs: [(Int, Int)]) -> [(Int, Int)] {
        Set(pairs.map { SIMD2(min($0.0, $0.1), max($0.0, $0.1)) })
            .sorted { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }.map { ($0.x, $0.y) }
    }
}
