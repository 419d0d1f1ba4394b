import DMLXCore

/// The contrastive loss in its original squared form (Hadsell, Chopra & LeCun 2006,
/// eq. 4), with y = 1 for a positive pair and D the Euclidean distance:
///
///     ℓ(a,b) = ½ y D(a,b)² + ½ (1 − y) [τ − D(a,b)]₊²
///
/// L = mean over all given pairs, positive and negative together (`MeanReducer`: the
/// paper sums over pairs; the mean keeps the step independent of the batch size).
/// Defaults: τ = 1 (`negativeMargin`, `--margin`), `LpDistance` on normalised
/// embeddings (distances in [0, 2], as `ContrastiveLoss`), every ordered pair of the
/// batch when no miner is given. Unlike `ContrastiveLoss`, positive pairs are pulled in
/// proportion to their distance and negatives are pushed in proportion to the margin
/// they still violate, so the gradient fades smoothly instead of switching off.
public final class ContrastiveSquaredLoss: RegisteredLoss {
    public static let descriptor = LossDescriptor(
        name: "contrastive-squared",
        formula: "mean ½ y D² + ½ (1 − y) [τ − D]₊² over pairs",
        defaults: "margin τ 1 (--margin sets it), L2 distance on normalised embeddings, mean over pairs",
        paper: "Hadsell, Chopra & LeCun, Dimensionality Reduction by Learning an Invariant Mapping, CVPR 2006",
        family: .pairs)

    public let name = descriptor.name
    public let negativeMargin: Double
    public let distance = LpDistance()
    public let reducer: any Reducer = MeanReducer()
    public var parameters: [Parameter] { [] }

    public init(negativeMargin: Double = 1) {
        self.negativeMargin = negativeMargin
    }

    public convenience init(configuration: LossConfiguration, classes: [Int], embeddingDimension: Int,
                            generator: inout SeededGenerator) throws {
        self.init(negativeMargin: configuration.negativeMargin ?? configuration.margin ?? 1)
    }

    public var configuration: LossConfiguration { LossConfiguration(name: name, negativeMargin: negativeMargin) }

    public func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?,
                         parameterValues: [Matrix<Double>]) -> LossEvaluation {
        let (positive, negative) = tuples?.pairs ?? MinedTuples.allPairs(labels: labels)
        let matrix = distance.matrix(embeddings)
        // Each term as (value, ∂value/∂D): ½D² pulls with slope D, ½[τ − D]₊² pushes with −[τ − D]₊.
        let positiveTerms = positive.map { pair -> (Double, Double) in
            let d = matrix[pair.0, pair.1]
            return (d * d / 2, d)
        }
        let negativeTerms = negative.map { pair -> (Double, Double) in
            let shortfall = max(negativeMargin - matrix[pair.0, pair.1], 0)
            return (shortfall * shortfall / 2, -shortfall)
        }
        let pairs = positive + negative
        let terms = positiveTerms + negativeTerms
        let reduction = reducer.reduce(terms.map(\.0))
        var upstream = Matrix<Double>(rows: matrix.rows, cols: matrix.cols)
        for (k, pair) in pairs.enumerated() { upstream[pair.0, pair.1] += reduction.weights[k] * terms[k].1 }
        return LossEvaluation(value: reduction.value, gradient: distance.backward(embeddings, upstream: upstream),
                              statistics: LossEvaluation.termStatistics(terms.map(\.0)))
    }
}
