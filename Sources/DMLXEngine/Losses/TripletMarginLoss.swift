import DMLXCore
import Foundation

/// The triplet margin loss (Weinberger & Saul 2009; Schroff et al. 2015), as
/// pytorch-metric-learning's `TripletMarginLoss`:
///
///     L = AvgNonZero_{(a,p,n)} [d(a,p) − d(a,n) + margin]₊
///
/// Defaults as PML: margin 0.05 (the dmlx command line passes 0.2, FaceNet's value),
/// `LpDistance` on normalised embeddings, every valid triplet of the batch when no
/// miner is given, `AvgNonZeroReducer`. `swap` (Balntas et al. 2016) uses d(p,n) when
/// it is the closer negative; `smoothLoss` replaces the hinge by softplus.
public final class TripletMarginLoss: RegisteredLoss {
    public static let descriptor = LossDescriptor(
        name: "triplet",
        formula: "avg⁺[d(a,p) − d(a,n) + margin]₊ over triplets",
        defaults: "margin 0.05 (PML's default; --margin sets it), no swap, hinge, L2 distance on normalised embeddings",
        paper: "Schroff, Kalenichenko & Philbin, FaceNet, CVPR 2015; Weinberger & Saul, JMLR 2009",
        family: .triplets)

    public let name = descriptor.name
    public let margin: Double
    public let swap: Bool
    public let smoothLoss: Bool
    public let distance: any Distance
    public let reducer: any Reducer
    public var parameters: [Parameter] { [] }

    public init(margin: Double = 0.05, swap: Bool = false, smoothLoss: Bool = false,
                distance: any Distance = LpDistance(), reducer: any Reducer = AvgNonZeroReducer()) {
        self.margin = margin
        self.swap = swap
        self.smoothLoss = smoothLoss
        self.distance = distance
        self.reducer = reducer
    }

    public convenience init(configuration: LossConfiguration, classes: [Int], embeddingDimension: Int,
                            generator: inout SeededGenerator) throws {
        self.init(margin: configuration.margin ?? 0.05, swap: configuration.swap ?? false,
                  smoothLoss: configuration.smoothLoss ?? false)
    }

    public var configuration: LossConfiguration {
        LossConfiguration(name: name, margin: margin, swap: swap, smoothLoss: smoothLoss)
    }

    public func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?,
                         parameterValues: [Matrix<Double>]) -> LossEvaluation {
        let triplets = tuples?.triplets ?? MinedTuples.allTriplets(labels: labels)
        let matrix = distance.matrix(embeddings)
        var kinks = [Double]()
        let terms = triplets.map { a, p, n in
            let negative = negativePair(a, p, n, matrix)
            if swap { kinks.append(abs(matrix[a, n] - matrix[p, n])) }
            return (positive: (a, p), negative: negative,
                    violation: distance.margin(matrix[a, p], matrix[negative.0, negative.1]) + margin)
        }
        if !smoothLoss { kinks += terms.map { abs($0.violation) } }
        let losses = terms.map { smoothLoss ? softplus($0.violation) : max($0.violation, 0) }
        let reduction = reducer.reduce(losses)
        var upstream = Matrix<Double>(rows: matrix.rows, cols: matrix.cols)
        for (term, weight) in zip(terms, reduction.weights) {
            let slope = weight * derivative(term.violation)
            upstream[term.positive.0, term.positive.1] -= slope * distance.closenessSign
            upstream[term.negative.0, term.negative.1] += slope * distance.closenessSign
        }
        return LossEvaluation(value: reduction.value, gradient: distance.backward(embeddings, upstream: upstream),
                              statistics: LossEvaluation.termStatistics(losses),
                              nearestKink: kinks.min() ?? .infinity)
    }

    /// (a, n), or (p, n) when swapping and p is closer to n than a is.
    private func negativePair(_ a: Int, _ p: Int, _ n: Int, _ matrix: Matrix<Double>) -> (Int, Int) {
        swap && distance.isCloser(matrix[p, n], than: matrix[a, n]) ? (p, n) : (a, n)
    }

    private func softplus(_ x: Double) -> Double { max(x, 0) + log1p(exp(-abs(x))) }

    private func derivative(_ violation: Double) -> Double {
        smoothLoss ? 1 / (1 + exp(-violation)) : (violation > 0 ? 1 : 0)
    }
}
