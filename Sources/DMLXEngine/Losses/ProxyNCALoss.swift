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
/// Proxies (`proxiesPerClass` k, `ProxyAssignment`): with k ≥ 1 (an integer) there are
/// k·C proxies for C classes; with k < 1 there are P = ⌈k·C⌉ and classes share them, as
/// in the paper's experiment with fewer proxies than classes. Static assignment (the
/// default) takes p(x) as the nearest proxy assigned to x's class; the class's other
/// proxies are neither positive nor negative for x, so they are left out of both
/// numerator and denominator. With one proxy per class this is exactly PML's loss.
/// Dynamic assignment has one term per anchor x and positive y ≠ x of the batch, with
/// positive p(y) = argmin_p d(y, p) and negatives p(Z) = {p(z) : z a negative of x in the
/// batch}, as the paper's ℓ(x, p(y), p(Z)). p(y) may be among p(Z): it then counts in
/// the denominator as a negative too. Measured on digits (stratified, 10 epochs, defaults)
/// dynamic assignment tends to collapse: from the random start most samples share one
/// nearest proxy, where every term is log 2 and the gradient vanishes (MAP@R 0.31 at 0.5
/// and 0.32 at 1 proxy per class, against 0.33 and 0.89 static). Dropping p(y) from p(Z)
/// reaches loss 0 the same way; making every other proxy a negative leaves nothing
/// pushing classes apart (MAP@R 0.08).
/// Assignments are constants of the gradient (they change only across kinks).
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
            + "1 proxy per class, static assignment, squared L2 distance on normalised embeddings and proxies, proxies ~ N(0, 1)",
        paper: "Movshovitz-Attias, Toshev, Leung, Ioffe & Singh, No Fuss Distance Metric Learning using Proxies, ICCV 2017",
        family: .proxies)

    public let name = descriptor.name
    public let softmaxScale: Double
    public let form: ProxyNCAForm
    public let proxiesPerClass: Double
    public let assignment: ProxyAssignment
    /// The class each proxy row was created for: with k ≥ 1 proxies per class, proxy r
    /// belongs to `classes[r / k]`; with fewer proxies than classes, to `classes[r]`, the
    /// first of the classes sharing it.
    public let proxyLabels: [Int]
    /// The proxies, one row each, in their own learning-rate group.
    public let proxies: Parameter
    public let distance: any Distance
    public let reducer: any Reducer
    public var parameters: [Parameter] { [proxies] }
    /// For each class, the rows of its statically assigned proxies and of the others,
    /// found once instead of for every embedding of every batch.
    private let proxyRows: [Int: (own: [Int], others: [Int])]

    public init(classes: [Int], embeddingDimension: Int, proxiesPerClass: Double = 1, softmaxScale: Double = 1,
                form: ProxyNCAForm = .nca, assignment: ProxyAssignment = .static,
                distance: any Distance = LpDistance(power: 2),
                reducer: any Reducer = MeanReducer(), generator: inout SeededGenerator) {
        precondition(Self.isValid(proxiesPerClass: proxiesPerClass), "proxies per class must be an integer ≥ 1 or in (0, 1)")
        precondition(Set(classes).count == classes.count, "classes must be distinct")
        self.softmaxScale = softmaxScale
        self.form = form
        self.proxiesPerClass = proxiesPerClass
        self.assignment = assignment
        let owners = Self.staticAssignment(classCount: classes.count, proxiesPerClass: proxiesPerClass)
        self.proxyLabels = owners.map { classes[$0[0]] }
        self.proxyRows = Dictionary(uniqueKeysWithValues: classes.indices.map { classIndex in
            (classes[classIndex], (own: owners.indices.filter { owners[$0].contains(classIndex) },
                                   others: owners.indices.filter { !owners[$0].contains(classIndex) }))
        })
        self.proxies = .proxies(count: owners.count, dimension: embeddingDimension, generator: &generator)
        self.distance = distance
        self.reducer = reducer
    }

    public convenience init(configuration: LossConfiguration, classes: [Int], embeddingDimension: Int,
                            generator: inout SeededGenerator) throws {
        let proxiesPerClass = configuration.proxiesPerClass ?? 1
        guard Self.isValid(proxiesPerClass: proxiesPerClass) else {
            throw LossRegistryError.invalidOption(
                "proxy-nca needs a whole number of proxies per class (at least 1) or a fraction between 0 and 1, not \(proxiesPerClass)")
        }
        guard Set(classes).count == classes.count, !classes.isEmpty else {
            throw LossRegistryError.invalidOption("proxy-nca needs a non-empty list of distinct classes")
        }
        self.init(classes: classes, embeddingDimension: embeddingDimension, proxiesPerClass: proxiesPerClass,
                  softmaxScale: configuration.softmaxScale ?? 1, form: configuration.proxyForm ?? .nca,
                  assignment: configuration.proxyAssignment ?? .static, generator: &generator)
    }

    public var configuration: LossConfiguration {
        LossConfiguration(name: name, softmaxScale: softmaxScale, proxiesPerClass: proxiesPerClass, proxyForm: form,
                          proxyAssignment: assignment)
    }

    static func isValid(proxiesPerClass: Double) -> Bool {
        (proxiesPerClass > 0 && proxiesPerClass < 1) || (proxiesPerClass >= 1 && proxiesPerClass.rounded() == proxiesPerClass)
    }

    /// The class indices each proxy row is statically assigned to: k consecutive rows
    /// per class for k ≥ 1, class i to row i mod ⌈k·C⌉ for k < 1.
    static func staticAssignment(classCount: Int, proxiesPerClass: Double) -> [[Int]] {
        guard proxiesPerClass < 1 else {
            let perClass = Int(proxiesPerClass)
            return (0..<(classCount * perClass)).map { [$0 / perClass] }
        }
        let count = max(1, Int((proxiesPerClass * Double(classCount)).rounded(.up)))
        return (0..<count).map { row in Array(stride(from: row, to: classCount, by: count)) }
    }

    /// One term: its embedding, its positive proxy, its denominator's proxies and their
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
        let logits = labels.indices.map { row in matrix.row(row).map { logitSlope * $0 } }
        var kinks = [Double]()
        let terms = switch assignment {
        case .static: staticTerms(logits: logits, labels: labels, kinks: &kinks)
        case .dynamic: dynamicTerms(logits: logits, labels: labels, kinks: &kinks)
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

    /// One term per embedding: the nearest proxy of its class against the other classes' proxies.
    private func staticTerms(logits: [[Double]], labels: [Int], kinks: inout [Double]) -> [Term] {
        labels.indices.compactMap { row in
            guard let (own, negatives) = proxyRows[labels[row]],
                  let positive = nearest(of: own, logits: logits[row], kinks: &kinks) else { return nil }
            return term(row: row, positive: positive, negatives: negatives, logits: logits[row])
        }
    }

    /// One term per anchor and positive of the batch, proxies assigned by nearness.
    private func dynamicTerms(logits: [[Double]], labels: [Int], kinks: inout [Double]) -> [Term] {
        let allProxies = Array(logits.first?.indices ?? 0..<0)
        let assigned = logits.map { nearest(of: allProxies, logits: $0, kinks: &kinks)! }
        return labels.indices.flatMap { anchor -> [Term] in
            let negatives = Set(labels.indices.filter { labels[$0] != labels[anchor] }.map { assigned[$0] }).sorted()
            return labels.indices.compactMap { positive in
                guard positive != anchor, labels[positive] == labels[anchor] else { return nil }
                return term(row: anchor, positive: assigned[positive], negatives: negatives, logits: logits[anchor])
            }
        }
    }

    /// The candidate with the largest logit (the nearest proxy), ties to the smaller row;
    /// its lead over the runner-up is a kink of the loss.
    private func nearest(of candidates: [Int], logits: [Double], kinks: inout [Double]) -> Int? {
        let ranked = candidates.sorted { logits[$0] > logits[$1] || (logits[$0] == logits[$1] && $0 < $1) }
        if ranked.count > 1 { kinks.append(logits[ranked[0]] - logits[ranked[1]]) }
        return ranked.first
    }

    /// ℓ = −z_positive + log Σ_{k ∈ denominator} e^{z_k}, with z the logits of one row.
    private func term(row: Int, positive: Int, negatives: [Int], logits: [Double]) -> Term? {
        let denominator = form == .nca ? [positive] + negatives : negatives
        guard let largest = denominator.map({ logits[$0] }).max() else { return nil }
        let exponentials = denominator.map { exp(logits[$0] - largest) }
        let total = exponentials.reduce(0, +)
        return Term(row: row, positive: positive, denominator: denominator,
                    probabilities: exponentials.map { $0 / total },
                    loss: largest + log(total) - logits[positive])
    }
}
