import DMLXCore
import Foundation

/// Smooth-AP (Brown, Xie, Kalogeiton & Zisserman 2020), as pytorch-metric-learning's
/// `SmoothAPLoss`: average precision with each rank's indicator replaced by a sigmoid,
/// so that it can be optimised directly. With S the cosine similarity, τ the
/// temperature, σ_i(j, k) = sigmoid((S_ij − S_ik)/τ) (≈ 1 when j ranks above k for the
/// query i), and G_i the batch samples of i's class, i itself included:
///
///     AP_i = 1/|G_i| Σ_{k∈G_i} (1 + Σ_{j∈G_i, j≠k} σ_i(j, k)) / (1 + Σ_{j≠k} σ_i(j, k))
///     L = mean_i w_i (1 − AP_i)
///
/// As PML and the authors' code, the query is its own gallery item and positive (its
/// self-similarity 1 ranks first). Defaults as PML: τ = 0.01, given here as
/// `softmaxScale` = 1/τ = 100 (`--softmax-scale`), `CosineSimilarity`, `MeanReducer`.
/// w_i is 1 without a miner, else i's count in the mined tuples over the largest count
/// (PML's `convert_to_weights`); an empty set of mined tuples gives 0. PML requires every
/// class of the batch to have the same number of samples, in contiguous blocks; this
/// type takes any batch.
public final class SmoothAPLoss: RegisteredLoss {
    public static let descriptor = LossDescriptor(
        name: "smooth-ap",
        formula: "mean 1 − AP_i, ranks smoothed: 1{S_ij > S_ik} ≈ sigmoid((S_ij − S_ik)/τ)",
        defaults: "temperature 0.01 (softmax scale 100, --softmax-scale sets it), cosine similarity",
        paper: "Brown, Xie, Kalogeiton & Zisserman, Smooth-AP: Smoothing the Path Towards Large-Scale Image Retrieval, "
            + "ECCV 2020",
        family: .pairs)

    public let name = descriptor.name
    public let softmaxScale: Double
    public let distance: any Distance = CosineSimilarity()
    public var parameters: [Parameter] { [] }

    public init(softmaxScale: Double = 100) {
        self.softmaxScale = softmaxScale
    }

    public convenience init(configuration: LossConfiguration, classes: [Int], embeddingDimension: Int,
                            generator: inout SeededGenerator) throws {
        self.init(softmaxScale: configuration.softmaxScale ?? 100)
    }

    public var configuration: LossConfiguration { LossConfiguration(name: name, softmaxScale: softmaxScale) }

    public func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?,
                         parameterValues: [Matrix<Double>]) -> LossEvaluation {
        guard let weights = MinedTuples.embeddingWeights(tuples, batchSize: embeddings.rows) else {
            return .zero(embeddings: embeddings)
        }
        let matrix = distance.matrix(embeddings)
        let groups = LabelGroups(labels).sameLabel
        var upstream = Matrix<Double>(rows: matrix.rows, cols: matrix.cols)
        var terms = [Double]()
        for query in labels.indices {
            let slope = -weights[query] / Double(labels.count)
            let precision = averagePrecision(Array(matrix.row(query)), group: groups[query])
            terms.append(weights[query] * (1 - precision.value))
            for (j, derivative) in precision.gradient.enumerated() { upstream[query, j] += slope * derivative }
        }
        return LossEvaluation(value: terms.reduce(0, +) / Double(max(terms.count, 1)),
                              gradient: distance.backward(embeddings, upstream: upstream),
                              statistics: LossEvaluation.termStatistics(terms))
    }

    /// AP of one query from its similarities to the batch, and ∂AP/∂similarities.
    private func averagePrecision(_ similarities: [Double], group: [Int]) -> (value: Double, gradient: [Double]) {
        let inGroup = Set(group)
        let share = 1 / Double(group.count)
        var value = 0.0
        var gradient = Array(repeating: 0.0, count: similarities.count)
        for k in group {
            let sigmoids = similarities.map { 1 / (1 + exp(-(($0 - similarities[k]) * softmaxScale))) }
            var positiveRank = 1.0, rank = 1.0
            for j in similarities.indices where j != k {
                rank += sigmoids[j]
                if inGroup.contains(j) { positiveRank += sigmoids[j] }
            }
            value += share * positiveRank / rank
            // ∂(A/N)/∂σ_j = [j ∈ G]/N − A/N², and ∂σ_j/∂S_j = −∂σ_j/∂S_k = scale · σ_j (1 − σ_j).
            for j in similarities.indices where j != k {
                let chain = share * ((inGroup.contains(j) ? 1 / rank : 0) - positiveRank / (rank * rank))
                    * softmaxScale * sigmoids[j] * (1 - sigmoids[j])
                gradient[j] += chain
                gradient[k] -= chain
            }
        }
        return (value, gradient)
    }
}
