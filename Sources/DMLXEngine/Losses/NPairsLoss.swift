import DMLXCore

/// The N-pair loss (Sohn 2016), as pytorch-metric-learning's `NPairsLoss`: one positive
/// pair (a_i, p_i) per class of the batch, and each anchor is classified among all the
/// pairs' positives by a softmax over similarities:
///
///     ℓ_i = −log( e^{S(a_i,p_i)} / Σ_j e^{S(a_i,p_j)} ) = log(1 + Σ_{j≠i} e^{S(a_i,p_j) − S(a_i,p_i)})
///
/// L = mean over the pairs (`MeanReducer`). As PML: the pair of a class is its first
/// positive pair (every ordered pair of the batch in row-major order, or the mined ones;
/// mined triplets give their anchor–positive pairs), classes taken in ascending order;
/// S is `DotProductSimilarity`, which like every PML distance normalises the embeddings
/// first, where the paper uses raw dot products with an L2 penalty on the embeddings.
/// Fewer than one pair gives 0.
public final class NPairsLoss: RegisteredLoss {
    public static let descriptor = LossDescriptor(
        name: "n-pairs",
        formula: "mean over one pair per class of −log softmax_j(S(a_i, p_j))[i]",
        defaults: "dot product of normalised embeddings, first positive pair of each class",
        paper: "Sohn, Improved Deep Metric Learning with Multi-class N-pair Loss Objective, NeurIPS 2016",
        family: .pairs)

    public let name = descriptor.name
    public let distance: any Distance
    public var parameters: [Parameter] { [] }

    public init(distance: any Distance = DotProductSimilarity()) {
        self.distance = distance
    }

    public convenience init(configuration: LossConfiguration, classes: [Int], embeddingDimension: Int,
                            generator: inout SeededGenerator) throws {
        self.init()
    }

    public var configuration: LossConfiguration { LossConfiguration(name: name) }

    public func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?,
                         parameterValues: [Matrix<Double>]) -> LossEvaluation {
        let positive = (tuples?.pairs ?? MinedTuples.allPairs(labels: labels)).positive
        var firstPairOfClass = [Int: (Int, Int)]()
        for pair in positive where firstPairOfClass[labels[pair.0]] == nil { firstPairOfClass[labels[pair.0]] = pair }
        let pairs = firstPairOfClass.keys.sorted().map { firstPairOfClass[$0]! }
        guard !pairs.isEmpty else { return .zero(embeddings: embeddings) }
        let matrix = distance.matrix(embeddings)
        let slope = distance.closenessSign
        let weight = 1 / Double(pairs.count)
        var upstream = Matrix<Double>(rows: matrix.rows, cols: matrix.cols)
        var terms = [Double]()
        for (i, (anchor, partner)) in pairs.enumerated() {
            let softmax = LogSumExp.evaluate(pairs.map { slope * matrix[anchor, $0.1] }, addingOne: false)
            terms.append(softmax.value - slope * matrix[anchor, partner])
            for (j, probability) in softmax.softmax.enumerated() {
                upstream[anchor, pairs[j].1] += weight * slope * (probability - (i == j ? 1 : 0))
            }
        }
        return LossEvaluation(value: terms.reduce(0, +) * weight,
                              gradient: distance.backward(embeddings, upstream: upstream),
                              statistics: LossEvaluation.termStatistics(terms))
    }
}
