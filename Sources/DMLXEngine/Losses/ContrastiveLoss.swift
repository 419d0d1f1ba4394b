import DMLXCore

/// The contrastive loss (Hadsell, Chopra & LeCun 2006), as pytorch-metric-learning's
/// `ContrastiveLoss`:
///
///     L = AvgNonZero_{(a,p)} [d(a,p) − m⁺]₊ + AvgNonZero_{(a,n)} [m⁻ − d(a,n)]₊
///
/// Defaults as PML: m⁺ = 0, m⁻ = 1, `LpDistance` on normalised embeddings, and the
/// positive and negative pair terms reduced separately (each by `AvgNonZeroReducer`)
/// and then summed, as PML's `MultipleReducers` does. Without mined tuples every pair
/// of the batch counts. Unlike PML, a batch with exactly one positive and one negative
/// pair is not treated as empty.
public final class ContrastiveLoss: RegisteredLoss {
    public static let descriptor = LossDescriptor(
        name: "contrastive",
        formula: "avg⁺[d(a,p) − m⁺]₊ + avg⁺[m⁻ − d(a,n)]₊ over positive / negative pairs",
        defaults: "positive margin 0, negative margin 1 (--margin sets it), L2 distance on normalised embeddings",
        paper: "Hadsell, Chopra & LeCun, Dimensionality Reduction by Learning an Invariant Mapping, CVPR 2006",
        family: .pairs)

    public let name = descriptor.name
    public let positiveMargin: Double
    public let negativeMargin: Double
    public let distance: any Distance
    public let reducer: any Reducer
    public var parameters: [Parameter] { [] }

    public init(positiveMargin: Double = 0, negativeMargin: Double = 1,
                distance: any Distance = LpDistance(), reducer: any Reducer = AvgNonZeroReducer()) {
        self.positiveMargin = positiveMargin
        self.negativeMargin = negativeMargin
        self.distance = distance
        self.reducer = reducer
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
        let matrix = distance.matrix(embeddings)
        let sides = [
            (pairs: positive, hinges: positive.map { distance.margin(matrix[$0.0, $0.1], positiveMargin) },
             slope: -distance.closenessSign),
            (pairs: negative, hinges: negative.map { distance.margin(negativeMargin, matrix[$0.0, $0.1]) },
             slope: distance.closenessSign),
        ]
        var upstream = Matrix<Double>(rows: matrix.rows, cols: matrix.cols)
        var value = 0.0
        for side in sides {
            let reduction = reducer.reduce(side.hinges.map { max($0, 0) })
            value += reduction.value
            for (k, pair) in side.pairs.enumerated() where side.hinges[k] > 0 {
                upstream[pair.0, pair.1] += reduction.weights[k] * side.slope
            }
        }
        let hinges = sides.flatMap(\.hinges)
        return LossEvaluation(value: value, gradient: distance.backward(embeddings, upstream: upstream),
                              statistics: LossEvaluation.termStatistics(hinges.map { max($0, 0) }),
                              nearestKink: hinges.map(abs).min() ?? .infinity)
    }
}
