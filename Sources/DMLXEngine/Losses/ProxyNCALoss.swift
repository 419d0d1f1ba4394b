import DMLXCore
import Foundation

/// Proxy-NCA (Movshovitz-Attias et al. 2017), as pytorch-metric-learning's
/// `ProxyNCALoss`: each class owns learned proxies, and each embedding x with label y
/// is pulled to its positive proxy p(x) and pushed from the other classes' proxies Z⁻:
///
///     nca:   ℓ(x) = −log( e^{−s·d(x,p(x))} / (e^{−s·d(x,p(x))} + Σ_{z∈Z⁻} e^{−s·d(x,z)}) )
///     paper: ℓ(x) = −log( e^{−s·d(x,p(x))} / Σ_{z∈Z⁻} e^{−s·d(x,z)} )       (eq. 8)
///
/// L = mean over the batch (`MeanReducer`). Defaults as PML: s = `softmaxScale` 1, d the
/// squared L2 distance between normalised embeddings and normalised proxies
/// (`LpDistance(power: 2)`), NCA form, one proxy per class, proxies drawn from N(0, 1)
/// (PML initialises them with `torch.nn.init.normal_`) from the run's seeded generator.
///
/// With several proxies per class, p(x) is the nearest proxy of x's class (the paper's
/// dynamic assignment); the class's other proxies are neither positive nor negative for
/// x, so they are left out of both numerator and denominator. With one proxy per class
/// this is exactly PML's loss.
///
/// With mined tuples each embedding's term is weighted by how often it occurs in them,
/// divided by the largest count (PML's `convert_to_weights`); an empty set of mined
/// tuples gives 0 (PML would fall back to weight 1 for every embedding). Embeddings
/// whose class has no proxy, or no negative proxy in the paper form, have no term.
/// Terms are computed as log-sum-exp, so none is dropped for underflowing as in PML.
public final class ProxyNCALoss: RegisteredLoss, ProxyBasedLoss {
    public static let descriptor = LossDescriptor(
        name: "proxy-nca",
        formula: "mean −log softmax(−s·d(x, proxies))[nearest proxy of x's class]",
        defaults: "softmax scale 1, NCA form (paper form excludes the positive from the denominator), "
            + "1 proxy per class, squared L2 distance on normalised embeddings and proxies, proxies ~ N(0, 1)",
        paper: "Movshovitz-Attias, Toshev, Leung, Ioffe & Singh, No Fuss Distance Metric Learning using Proxies, ICCV 2017",
        family: .proxies)

    public let name = descriptor.name
    public let softmaxScale: Double
    public let form: ProxyNCAForm
    public let proxiesPerClass: Int
    /// The class of each proxy row: proxy k belongs to `classes[k / proxiesPerClass]`.
    public let proxyLabels: [Int]
    /// The proxies, one row each, in their own learning-rate group.
    public let proxies: Parameter
    public let distance: any Distance
    public let reducer: any Reducer
    public var parameters: [Parameter] { [proxies] }
    /// For each class, the rows of its proxies and of the other classes' proxies, found
    /// once instead of for every embedding of every batch.
    private let proxyRows: [Int: (own: [Int], others: [Int])]

    public init(classes: [Int], embeddingDimension: Int, proxiesPerClass: Int = 1, softmaxScale: Double = 1,
                form: ProxyNCAForm = .nca, distance: any Distance = LpDistance(power: 2),
                reducer: any Reducer = MeanReducer(), generator: inout SeededGenerator) {
        precondition(proxiesPerClass >= 1, "at least one proxy per class")
        precondition(Set(classes).count == classes.count, "classes must be distinct")
        self.softmaxScale = softmaxScale
        self.form = form
        self.proxiesPerClass = proxiesPerClass
        let proxyLabels = classes.flatMap { Array(repeating: $0, count: proxiesPerClass) }
        self.proxyLabels = proxyLabels
        self.proxyRows = Dictionary(uniqueKeysWithValues: classes.map { label in
            (label, (own: proxyLabels.indices.filter { proxyLabels[$0] == label },
                     others: proxyLabels.indices.filter { proxyLabels[$0] != label }))
        })
        self.proxies = .proxies(count: proxyLabels.count, dimension: embeddingDimension, generator: &generator)
        self.distance = distance
        self.reducer = reducer
    }

    public convenience init(configuration: LossConfiguration, classes: [Int], embeddingDimension: Int,
                            generator: inout SeededGenerator) throws {
        let proxiesPerClass = configuration.proxiesPerClass ?? 1
        guard proxiesPerClass >= 1 else {
            throw LossRegistryError.invalidOption("proxy-nca needs at least one proxy per class, not \(proxiesPerClass)")
        }
        guard Set(classes).count == classes.count, !classes.isEmpty else {
            throw LossRegistryError.invalidOption("proxy-nca needs a non-empty list of distinct classes")
        }
        self.init(classes: classes, embeddingDimension: embeddingDimension, proxiesPerClass: proxiesPerClass,
                  softmaxScale: configuration.softmaxScale ?? 1, form: configuration.proxyForm ?? .nca,
                  generator: &generator)
    }

    public var configuration: LossConfiguration {
        LossConfiguration(name: name, softmaxScale: softmaxScale, proxiesPerClass: proxiesPerClass, proxyForm: form)
    }

    /// One embedding's term: its positive proxy, its denominator's proxies and their
    /// softmax probabilities.
    private struct Term {
        var row: Int
        var positive: Int
        var denominator: [Int]
        var probabilities: [Double]
        var loss: Double
    }

    public func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?,
                         parameterValues: [Matrix<Double>]) -> LossEvaluation {
        let proxyValues = parameterValues[0]
        guard let minerWeights = MinedTuples.embeddingWeights(tuples, batchSize: embeddings.rows) else {
            return .zero(embeddings: embeddings, parameterValues: parameterValues)
        }
        let matrix = distance.matrix(embeddings, proxyValues)
        let logitSlope = softmaxScale * distance.closenessSign
        var kinks = [Double]()
        let terms = labels.indices.compactMap { row -> Term? in
            let logits = matrix.row(row).map { logitSlope * $0 }
            return term(row: row, label: labels[row], logits: Array(logits), kinks: &kinks)
        }
        let reduction = reducer.reduce(terms.map { minerWeights[$0.row] * $0.loss })
        var upstream = Matrix<Double>(rows: matrix.rows, cols: matrix.cols)
        for (term, weight) in zip(terms, reduction.weights) {
            let scale = weight * minerWeights[term.row] * logitSlope
            for (k, probability) in zip(term.denominator, term.probabilities) {
                upstream[term.row, k] += scale * probability
            }
            upstream[term.row, term.positive] -= scale
        }
        let gradients = distance.backward(embeddings, proxyValues, upstream: upstream)
        return LossEvaluation(value: reduction.value, gradient: gradients.x, parameterGradients: [gradients.y],
                              statistics: LossEvaluation.termStatistics(terms.map(\.loss)),
                              nearestKink: kinks.min() ?? .infinity)
    }

    /// ℓ = −z_positive + log Σ_{k ∈ denominator} e^{z_k}, with z the logits of one row.
    private func term(row: Int, label: Int, logits: [Double], kinks: inout [Double]) -> Term? {
        guard let (own, negatives) = proxyRows[label] else { return nil }
        let ranked = own.sorted { logits[$0] > logits[$1] || (logits[$0] == logits[$1] && $0 < $1) }
        guard let positive = ranked.first else { return nil }
        if ranked.count > 1 { kinks.append(logits[ranked[0]] - logits[ranked[1]]) }
        let denominator = form == .nca ? [positive] + negatives : negatives
        guard let largest = denominator.map({ logits[$0] }).max() else { return nil }
        let exponentials = denominator.map { exp(logits[$0] - largest) }
        let total = exponentials.reduce(0, +)
        return Term(row: row, positive: positive, denominator: denominator,
                    probabilities: exponentials.map { $0 / total },
                    loss: largest + log(total) - logits[positive])
    }
}
