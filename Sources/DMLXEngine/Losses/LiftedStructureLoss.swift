import DMLXCore

/// The lifted structured loss (Song, Xiang, Jegelka & Savarese 2016, eq. 4), as
/// pytorch-metric-learning's `LiftedStructureLoss` (not its "generalized" variant from
/// Hermans et al.). Each positive pair (i, j) is weighed against the negative pairs of
/// both its ends, N_i ∪ N_j, through a smooth maximum:
///
///     J_ij = log Σ_{(k,l) ∈ N_i ∪ N_j} e^{m⁻ − D_kl} + D_ij − m⁺,    ℓ_ij = ½ [J_ij]₊²
///
/// L = mean over the positive pairs (`MeanReducer`); with every ordered pair both (i, j)
/// and (j, i) count, so this is the paper's 1/(2|P|) Σ [J]₊². Defaults as PML: m⁻ = 1
/// (`negativeMargin`, `--margin`), m⁺ = 0, `LpDistance` on normalised embeddings. The
/// negative pairs are those given (all pairs of the batch without a miner; mined triplets
/// give theirs, repeats counting as often as they occur) whose first index is i or j.
/// A positive pair with no such negative keeps only D_ij − m⁺, as PML's masked
/// log-sum-exp gives 0; a batch without positive or without negative pairs gives 0.
public final class LiftedStructureLoss: RegisteredLoss {
    public static let descriptor = LossDescriptor(
        name: "lifted-structure",
        formula: "mean over (i,j) of ½[log Σ_{N_i∪N_j} e^{m⁻−D} + D_ij − m⁺]₊²",
        defaults: "negative margin 1 (--margin sets it), positive margin 0, L2 distance on normalised embeddings",
        paper: "Song, Xiang, Jegelka & Savarese, Deep Metric Learning via Lifted Structured Feature Embedding, CVPR 2016",
        family: .pairs)

    public let name = descriptor.name
    public let positiveMargin: Double
    public let negativeMargin: Double
    public let distance: any Distance
    public var parameters: [Parameter] { [] }

    public init(positiveMargin: Double = 0, negativeMargin: Double = 1, distance: any Distance = LpDistance()) {
        self.positiveMargin = positiveMargin
        self.negativeMargin = negativeMargin
        self.distance = distance
    }

    public convenience init(configuration: LossConfiguration, classes: [Int], embeddingDimension: Int,
                            generator: inout SeededGenerator) throws {
        self.init(positiveMargin: configuration.positiveMargin ?? 0,
                  negativeMargin: configuration.negativeMargin ?? configuration.margin ?? 1)
    }

    public var configuration: LossConfiguration {
        LossConfiguration(name: name, positiveMargin: positiveMargin, negativeMargin: negativeMargin)
    }

    public func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?,
                         parameterValues: [Matrix<Double>]) -> LossEvaluation {
        let (positive, negative) = tuples?.pairs ?? MinedTuples.allPairs(labels: labels)
        guard !positive.isEmpty, !negative.isEmpty else { return .zero(embeddings: embeddings) }
        let matrix = distance.matrix(embeddings)
        let negativesByAnchor = Dictionary(grouping: negative, by: \.0)
        let weight = 1 / Double(positive.count)
        var upstream = Matrix<Double>(rows: matrix.rows, cols: matrix.cols)
        var terms = [Double]()
        var nearestKink = Double.infinity
        for (i, j) in positive {
            let negatives = (negativesByAnchor[i] ?? []) + (negativesByAnchor[j] ?? [])
            let smoothMaximum = LogSumExp.evaluate(negatives.map { distance.margin(negativeMargin, matrix[$0.0, $0.1]) },
                                                   addingOne: false)
            let violation = smoothMaximum.value + distance.margin(matrix[i, j], positiveMargin)
            nearestKink = min(nearestKink, abs(violation))
            terms.append(max(violation, 0) * max(violation, 0) / 2)
            guard violation > 0 else { continue }
            let slope = weight * violation
            upstream[i, j] -= slope * distance.closenessSign
            for ((k, l), probability) in zip(negatives, smoothMaximum.softmax) {
                upstream[k, l] += slope * probability * distance.closenessSign
            }
        }
        return LossEvaluation(value: terms.reduce(0, +) * weight,
                              gradient: distance.backward(embeddings, upstream: upstream),
                              statistics: LossEvaluation.termStatistics(terms), nearestKink: nearestKink)
    }
}
