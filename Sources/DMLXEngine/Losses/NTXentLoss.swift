import DMLXCore

/// NT-Xent, the normalised temperature-scaled cross entropy of SimCLR (Chen et al.
/// 2020; InfoNCE, van den Oord et al. 2018), as pytorch-metric-learning's `NTXentLoss`.
/// With S the cosine similarity and T the temperature, each positive pair (a, p) is a
/// softmax over itself and every negative pair (a, n) of the same anchor:
///
///     ℓ(a,p) = −log( e^{S_ap/T} / (e^{S_ap/T} + Σ_{(a,n)} e^{S_an/T}) )
///
/// L = mean over the positive pairs (`MeanReducer`). Defaults as PML: T = 0.07, given
/// here as `softmaxScale` = 1/T (the command line's `--softmax-scale`),
/// `CosineSimilarity`, every pair of the batch when no miner is given; mined triplets
/// give their pairs, a repeated negative pair counting as often as it occurs (PML's
/// `convert_to_pairs`). A positive pair whose anchor has no negative has the term 0
/// (PML: −log(1 + tiny)); a batch without positive or without negative pairs gives 0.
public final class NTXentLoss: RegisteredLoss {
    public static let descriptor = LossDescriptor(
        name: "ntxent",
        formula: "mean over (a,p) of −log e^{S_ap/T} / (e^{S_ap/T} + Σ_n e^{S_an/T})",
        defaults: "temperature 0.07 (softmax scale 1/0.07, --softmax-scale sets it), cosine similarity",
        paper: "Chen, Kornblith, Norouzi & Hinton, A Simple Framework for Contrastive Learning (SimCLR), ICML 2020",
        family: .pairs)

    public let name = descriptor.name
    public let softmaxScale: Double
    public let distance: any Distance
    public var parameters: [Parameter] { [] }

    public init(softmaxScale: Double = 1 / 0.07, distance: any Distance = CosineSimilarity()) {
        self.softmaxScale = softmaxScale
        self.distance = distance
    }

    public convenience init(configuration: LossConfiguration, classes: [Int], embeddingDimension: Int,
                            generator: inout SeededGenerator) throws {
        self.init(softmaxScale: configuration.softmaxScale ?? 1 / 0.07)
    }

    public var configuration: LossConfiguration {
        LossConfiguration(name: name, softmaxScale: softmaxScale)
    }

    public func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?,
                         parameterValues: [Matrix<Double>]) -> LossEvaluation {
        let (positive, negative) = tuples?.pairs ?? MinedTuples.allPairs(labels: labels)
        guard !positive.isEmpty, !negative.isEmpty else { return .zero(embeddings: embeddings) }
        let matrix = distance.matrix(embeddings)
        let slope = softmaxScale * distance.closenessSign
        let negativesByAnchor = Dictionary(grouping: negative, by: \.0).mapValues { $0.map(\.1) }
        let weight = 1 / Double(positive.count)
        var upstream = Matrix<Double>(rows: matrix.rows, cols: matrix.cols)
        var terms = [Double]()
        for (anchor, partner) in positive {
            let negatives = negativesByAnchor[anchor] ?? []
            guard !negatives.isEmpty else { terms.append(0); continue }
            let softmax = LogSumExp.evaluate([slope * matrix[anchor, partner]]
                                                 + negatives.map { slope * matrix[anchor, $0] }, addingOne: false)
            terms.append(softmax.value - slope * matrix[anchor, partner])
            upstream[anchor, partner] += weight * slope * (softmax.softmax[0] - 1)
            for (n, probability) in zip(negatives, softmax.softmax.dropFirst()) {
                upstream[anchor, n] += weight * slope * probability
            }
        }
        return LossEvaluation(value: terms.reduce(0, +) * weight,
                              gradient: distance.backward(embeddings, upstream: upstream),
                              statistics: LossEvaluation.termStatistics(terms))
    }
}
