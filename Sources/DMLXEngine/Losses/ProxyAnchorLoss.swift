import DMLXCore
import Foundation

/// Proxy-Anchor (Kim, Kim, Cho & Kwak 2020), as pytorch-metric-learning's
/// `ProxyAnchorLoss`: each class owns one proxy p, which serves as an anchor pulling its
/// class's embeddings X⁺_p and pushing every other embedding X⁻_p, with s the cosine
/// similarity:
///
///     L = 1/|P⁺| Σ_{p∈P⁺} log(1 + Σ_{x∈X⁺_p} e^{−α(s(x,p) − δ) + w_x − 1})
///       + 1/|P|  Σ_{p∈P}  log(1 + Σ_{x∈X⁻_p} e^{α(s(x,p) + δ) + w_x − 1})
///
/// P⁺ are the proxies with a positive in the batch, P all proxies. Defaults as PML:
/// α = `alpha` 32, δ = `margin` 0.1, `CosineSimilarity`. w_x is the miner weight of x
/// (its number of occurrences in the mined tuples over the largest count, PML's
/// `convert_to_weights`; 1 without a miner, so the offset w_x − 1 vanishes): PML adds
/// it to the scaled logits, and so does this type. An empty set of mined tuples gives 0
/// (PML would fall back to weight 1). Embeddings whose class has no proxy are left out.
///
/// Proxies start from He/Kaiming normal with `mode="fan_out"` as in PML, which for a
/// classes × dimension tensor is N(0, 2 / classes); the cosine similarity makes the
/// loss itself blind to that scale, but it sets the proxies' step size relative to
/// their length under the optimizer.
public final class ProxyAnchorLoss: RegisteredLoss, ProxyBasedLoss {
    public static let descriptor = LossDescriptor(
        name: "proxy-anchor",
        formula: "avg_{p∈P⁺} log(1+Σ_{X⁺} e^{−α(s−δ)}) + avg_{p∈P} log(1+Σ_{X⁻} e^{α(s+δ)})",
        defaults: "alpha 32, margin 0.1 (--margin sets it), 1 proxy per class, cosine similarity, "
            + "proxies ~ N(0, 2/classes) (kaiming normal, fan out)",
        paper: "Kim, Kim, Cho & Kwak, Proxy Anchor Loss for Deep Metric Learning, CVPR 2020",
        family: .proxies)

    public let name = descriptor.name
    public let alpha: Double
    public let margin: Double
    /// The class of each proxy row: `classes` in the given order.
    public let proxyLabels: [Int]
    /// The proxies, one row per class, in their own learning-rate group.
    public let proxies: Parameter
    public let distance: any Distance
    public var parameters: [Parameter] { [proxies] }
    private let proxyRow: [Int: Int]

    public init(classes: [Int], embeddingDimension: Int, alpha: Double = 32, margin: Double = 0.1,
                distance: any Distance = CosineSimilarity(), generator: inout SeededGenerator) {
        precondition(Set(classes).count == classes.count, "classes must be distinct")
        self.alpha = alpha
        self.margin = margin
        self.proxyLabels = classes
        self.proxyRow = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        self.proxies = .proxies(count: classes.count, dimension: embeddingDimension,
                                standardDeviation: (2 / Double(max(classes.count, 1))).squareRoot(), generator: &generator)
        self.distance = distance
    }

    public convenience init(configuration: LossConfiguration, classes: [Int], embeddingDimension: Int,
                            generator: inout SeededGenerator) throws {
        guard Set(classes).count == classes.count, !classes.isEmpty else {
            throw LossRegistryError.invalidOption("proxy-anchor needs a non-empty list of distinct classes")
        }
        self.init(classes: classes, embeddingDimension: embeddingDimension, alpha: configuration.alpha ?? 32,
                  margin: configuration.margin ?? 0.1, generator: &generator)
    }

    public var configuration: LossConfiguration {
        LossConfiguration(name: name, margin: margin, alpha: alpha)
    }

    public func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?,
                         parameterValues: [Matrix<Double>]) -> LossEvaluation {
        let proxyValues = parameterValues[0]
        guard let minerWeights = MinedTuples.embeddingWeights(tuples, batchSize: embeddings.rows) else {
            return .zero(embeddings: embeddings, parameterValues: parameterValues)
        }
        let similarity = distance.matrix(embeddings, proxyValues)
        let offsets = minerWeights.map { $0 - 1 }
        let rowsWithProxy = labels.indices.compactMap { row in proxyRow[labels[row]].map { (row, $0) } }
        let positiveProxyCount = Set(rowsWithProxy.map(\.1)).count
        var upstream = Matrix<Double>(rows: similarity.rows, cols: similarity.cols)
        var value = 0.0
        var terms = [Double]()
        for proxy in 0..<proxyValues.rows {
            let sides = [
                (members: rowsWithProxy.filter { $0.1 == proxy }.map(\.0), divisor: positiveProxyCount,
                 exponent: { (s: Double) in self.distance.margin(s, self.margin) }, slope: -distance.closenessSign),
                (members: rowsWithProxy.filter { $0.1 != proxy }.map(\.0), divisor: proxyValues.rows,
                 exponent: { (s: Double) in self.distance.margin(-self.margin, s) }, slope: distance.closenessSign),
            ]
            for side in sides {
                let term = LogSumExp.evaluate(side.members.map { alpha * side.exponent(similarity[$0, proxy]) + offsets[$0] },
                                              addingOne: true)
                let weight = 1 / Double(max(side.divisor, 1))
                value += weight * term.value
                terms.append(term.value)
                for (row, probability) in zip(side.members, term.softmax) {
                    upstream[row, proxy] += weight * probability * alpha * side.slope
                }
            }
        }
        let gradients = distance.backward(embeddings, proxyValues, upstream: upstream)
        return LossEvaluation(value: value, gradient: gradients.x, parameterGradients: [gradients.y],
                              statistics: LossEvaluation.termStatistics(terms))
    }
}
