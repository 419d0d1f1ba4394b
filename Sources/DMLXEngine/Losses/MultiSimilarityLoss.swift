import DMLXCore
import Foundation

/// The multi-similarity loss (Wang et al. 2019), as pytorch-metric-learning's
/// `MultiSimilarityLoss`. With S the cosine similarity, P_i / N_i the positive /
/// negative partners of anchor i (mined pairs, or all pairs of the batch):
///
///     ℓ_i = (1/α) log(1 + Σ_{p∈P_i} e^{−α(S_ip − λ)}) + (1/β) log(1 + Σ_{n∈N_i} e^{β(S_in − λ)})
///
/// L = mean of ℓ_i over every embedding of the batch, including those without pairs
/// (`MeanReducer`, PML's default). Defaults as PML: α = 2, β = 50, λ = `base` 0.5,
/// `CosineSimilarity`. Duplicate mined pairs count once, as in PML's mask.
public final class MultiSimilarityLoss: RegisteredLoss {
    public static let descriptor = LossDescriptor(
        name: "multi-similarity",
        formula: "mean (1/α)log(1+Σ_P e^{−α(S−λ)}) + (1/β)log(1+Σ_N e^{β(S−λ)})",
        defaults: "alpha 2, beta 50, base 0.5, cosine similarity (pair with the multi-similarity miner, epsilon 0.1)",
        paper: "Wang, Han, Huang, Dong & Scott, Multi-Similarity Loss with General Pair Weighting, CVPR 2019",
        family: .pairs)

    public let name = descriptor.name
    public let alpha: Double
    public let beta: Double
    public let base: Double
    public let distance: any Distance
    public let reducer: any Reducer
    public var parameters: [Parameter] { [] }

    public init(alpha: Double = 2, beta: Double = 50, base: Double = 0.5,
                distance: any Distance = CosineSimilarity(), reducer: any Reducer = MeanReducer()) {
        self.alpha = alpha
        self.beta = beta
        self.base = base
        self.distance = distance
        self.reducer = reducer
    }

    public convenience init(configuration: LossConfiguration, classes: [Int], embeddingDimension: Int,
                            generator: inout SeededGenerator) throws {
        self.init(alpha: configuration.alpha ?? 2, beta: configuration.beta ?? 50, base: configuration.base ?? 0.5)
    }

    public var configuration: LossConfiguration {
        LossConfiguration(name: name, alpha: alpha, beta: beta, base: base)
    }

    public func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?,
                         parameterValues: [Matrix<Double>]) -> LossEvaluation {
        let (positive, negative) = tuples?.pairs ?? MinedTuples.allPairs(labels: labels)
        guard !positive.isEmpty || !negative.isEmpty else { return .zero(embeddings: embeddings) }
        let matrix = distance.matrix(embeddings)
        let sides = [
            (partners: Self.partners(positive, rows: matrix.rows), scale: alpha,
             exponent: { (s: Double) in self.distance.margin(s, self.base) }, slope: -distance.closenessSign),
            (partners: Self.partners(negative, rows: matrix.rows), scale: beta,
             exponent: { (s: Double) in self.distance.margin(self.base, s) }, slope: distance.closenessSign),
        ]
        var losses = Array(repeating: 0.0, count: matrix.rows)
        var softmaxes = [[[Double]]]()
        for side in sides {
            let rows = (0..<matrix.rows).map { i in
                LogSumExp.evaluate(side.partners[i].map { side.scale * side.exponent(matrix[i, $0]) }, addingOne: true)
            }
            for i in rows.indices { losses[i] += rows[i].value / side.scale }
            softmaxes.append(rows.map(\.softmax))
        }
        let reduction = reducer.reduce(losses)
        var upstream = Matrix<Double>(rows: matrix.rows, cols: matrix.cols)
        for (side, softmax) in zip(sides, softmaxes) {
            for i in 0..<matrix.rows {
                for (j, probability) in zip(side.partners[i], softmax[i]) {
                    upstream[i, j] += reduction.weights[i] * probability * side.slope
                }
            }
        }
        return LossEvaluation(value: reduction.value, gradient: distance.backward(embeddings, upstream: upstream),
                              statistics: LossEvaluation.termStatistics(losses)
                                  .merging(["tuples": Double(positive.count + negative.count)]) { $1 })
    }

    /// Each row's distinct partners, ascending.
    private static func partners(_ pairs: [(Int, Int)], rows: Int) -> [[Int]] {
        var sets = Array(repeating: Set<Int>(), count: rows)
        for (anchor, other) in pairs { sets[anchor].insert(other) }
        return sets.map { $0.sorted() }
    }
}
