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

    /// One triplet's hinge argument v = margin(d(a,p), d(a,n)) + margin and the anchor of
    /// the pair that served as its negative (a, or p when swapped).
    private struct Term {
        var negativeAnchor: Int
        var violation: Double
    }

    public func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?,
                         parameterValues: [Matrix<Double>]) -> LossEvaluation {
        let triplets = tuples?.triplets ?? MinedTuples.allTriplets(labels: labels)
        let matrix = distance.matrix(embeddings)
        // distance.margin and distance.isCloser with the sign read once: a mined batch
        // holds up to 10⁵ triplets.
        let closenessSign = distance.closenessSign
        var nearestKink = Double.infinity
        var terms = [Term]()
        terms.reserveCapacity(triplets.count)
        for (a, p, n) in triplets {
            let swapped = swap && closenessSign * (matrix[p, n] - matrix[a, n]) > 0
            let negativeAnchor = swapped ? p : a
            let violation = closenessSign * (matrix[negativeAnchor, n] - matrix[a, p]) + margin
            if swap { nearestKink = min(nearestKink, abs(matrix[a, n] - matrix[p, n])) }
            if !smoothLoss { nearestKink = min(nearestKink, abs(violation)) }
            terms.append(Term(negativeAnchor: negativeAnchor, violation: violation))
        }
        let losses = terms.map { smoothLoss ? softplus($0.violation) : max($0.violation, 0) }
        let reduction = reducer.reduce(losses)
        var upstream = Matrix<Double>(rows: matrix.rows, cols: matrix.cols)
        for (index, (a, p, n)) in triplets.enumerated() where reduction.weights[index] != 0 {
            let term = terms[index]
            let slope = reduction.weights[index] * derivative(term.violation) * closenessSign
            upstream[a, p] -= slope
            upstream[term.negativeAnchor, n] += slope
        }
        return LossEvaluation(value: reduction.value, gradient: distance.backward(embeddings, upstream: upstream),
                              statistics: LossEvaluation.termStatistics(losses),
                              nearestKink: nearestKink)
    }

    private func softplus(_ x: Double) -> Double { max(x, 0) + log1p(exp(-abs(x))) }

    private func derivative(_ violation: Double) -> Double {
        smoothLoss ? 1 / (1 + exp(-violation)) : (violation > 0 ? 1 : 0)
    }
}
