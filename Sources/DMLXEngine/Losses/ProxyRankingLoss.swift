import DMLXCore

/// The proxy ranking loss (Movshovitz-Attias et al. 2017, section 4.2): the triplet
/// loss with the positive and negatives replaced by learned class proxies, so that no
/// triplet has to be sampled. For each embedding x with proxy p(x) and each other
/// class's proxy z:
///
///     ℓ(x, z) = [d(x, p(x)) − d(x, z) + M]₊,    L = AvgNonZero over all (x, z)
///
/// Defaults: M = `margin` 0.2 (FaceNet's, as dmlx's triplet runs; the paper leaves it
/// open), `LpDistance` between normalised embeddings and normalised proxies (as
/// `TripletMarginLoss`), one proxy per class drawn from N(0, 1) like Proxy-NCA's.
/// With mined tuples each embedding's terms are weighted by its miner weight (as in
/// `ProxyNCALoss`); an empty set of mined tuples gives 0. Embeddings whose class has no
/// proxy are left out.
public final class ProxyRankingLoss: RegisteredLoss, ProxyBasedLoss {
    public static let descriptor = LossDescriptor(
        name: "proxy-ranking",
        formula: "avg⁺[d(x, p(x)) − d(x, z) + M]₊ over embeddings x and other classes' proxies z",
        defaults: "margin 0.2 (--margin sets it), 1 proxy per class, L2 distance on normalised embeddings "
            + "and proxies, proxies ~ N(0, 1)",
        paper: "Movshovitz-Attias, Toshev, Leung, Ioffe & Singh, No Fuss Distance Metric Learning using Proxies, ICCV 2017",
        family: .proxies)

    public let name = descriptor.name
    public let margin: Double
    /// The class of each proxy row: `classes` in the given order.
    public let proxyLabels: [Int]
    public let proxies: Parameter
    public let distance: any Distance = LpDistance()
    public let reducer: any Reducer = AvgNonZeroReducer()
    public var parameters: [Parameter] { [proxies] }
    private let proxyRow: [Int: Int]

    public init(classes: [Int], embeddingDimension: Int, margin: Double = 0.2, generator: inout SeededGenerator) {
        precondition(Set(classes).count == classes.count, "classes must be distinct")
        self.margin = margin
        self.proxyLabels = classes
        self.proxyRow = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        self.proxies = .proxies(count: classes.count, dimension: embeddingDimension, generator: &generator)
    }

    public convenience init(configuration: LossConfiguration, classes: [Int], embeddingDimension: Int,
                            generator: inout SeededGenerator) throws {
        guard Set(classes).count == classes.count, !classes.isEmpty else {
            throw LossRegistryError.invalidOption("proxy-ranking needs a non-empty list of distinct classes")
        }
        self.init(classes: classes, embeddingDimension: embeddingDimension, margin: configuration.margin ?? 0.2,
                  generator: &generator)
    }

    public var configuration: LossConfiguration { LossConfiguration(name: name, margin: margin) }

    public func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?,
                         parameterValues: [Matrix<Double>]) -> LossEvaluation {
        let proxyValues = parameterValues[0]
        guard let minerWeights = MinedTuples.embeddingWeights(tuples, batchSize: embeddings.rows) else {
            return .zero(embeddings: embeddings, parameterValues: parameterValues)
        }
        let matrix = distance.matrix(embeddings, proxyValues)
        var triplets = [(row: Int, positive: Int, negative: Int)]()
        for row in labels.indices {
            guard let positive = proxyRow[labels[row]] else { continue }
            for negative in 0..<proxyValues.rows where negative != positive { triplets.append((row, positive, negative)) }
        }
        let violations = triplets.map { distance.margin(matrix[$0.row, $0.positive], matrix[$0.row, $0.negative]) + margin }
        let reduction = reducer.reduce(zip(triplets, violations).map { minerWeights[$0.row] * max($1, 0) })
        var upstream = Matrix<Double>(rows: matrix.rows, cols: matrix.cols)
        for (k, triplet) in triplets.enumerated() where violations[k] > 0 {
            let slope = reduction.weights[k] * minerWeights[triplet.row] * distance.closenessSign
            upstream[triplet.row, triplet.positive] -= slope
            upstream[triplet.row, triplet.negative] += slope
        }
        let gradients = distance.backward(embeddings, proxyValues, upstream: upstream)
        return LossEvaluation(value: reduction.value, gradient: gradients.x, parameterGradients: [gradients.y],
                              statistics: LossEvaluation.termStatistics(violations.map { max($0, 0) }),
                              nearestKink: violations.map(abs).min() ?? .infinity)
    }
}
