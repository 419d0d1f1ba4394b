import DMLXCore

/// The normalised softmax loss (Zhai & Wu 2019, "Classification is a Strong Baseline
/// for Deep Metric Learning"), as pytorch-metric-learning's `NormalizedSoftmaxLoss`: a
/// softmax classifier whose class weights w_k (the proxies) and inputs are normalised,
/// so that its logits are cosine similarities divided by a temperature T:
///
///     ℓ(x) = −log( e^{cos(x, w_y)/T} / Σ_k e^{cos(x, w_k)/T} )
///
/// L = mean over the batch (`MeanReducer`). Defaults as PML: T = 0.05, given here as
/// `softmaxScale` = 1/T = 20 (the command line's `--softmax-scale`), one weight per
/// class drawn from N(0, 1) (PML's `normal_`). Mined tuples weight each embedding's term
/// as in `ProxyNCALoss`; an empty set of them gives 0.
///
/// This is Proxy-NCA's NCA form with the squared distance replaced by the cosine
/// similarity, so it is computed by a `ProxyNCALoss` with that distance.
public final class NormalizedSoftmaxLoss: RegisteredLoss, ProxyBasedLoss {
    public static let descriptor = LossDescriptor(
        name: "normalized-softmax",
        formula: "mean −log softmax(cos(x, w)/T)[y]",
        defaults: "temperature 0.05 (softmax scale 20, --softmax-scale sets it), 1 weight per class, "
            + "cosine similarity, weights ~ N(0, 1)",
        paper: "Zhai & Wu, Classification is a Strong Baseline for Deep Metric Learning, BMVC 2019",
        family: .proxies)

    public let name = descriptor.name
    private let classifier: ProxyNCALoss

    public var softmaxScale: Double { classifier.softmaxScale }
    public var proxies: Parameter { classifier.proxies }
    public var proxyLabels: [Int] { classifier.proxyLabels }
    public var parameters: [Parameter] { classifier.parameters }

    public init(classes: [Int], embeddingDimension: Int, softmaxScale: Double = 20, generator: inout SeededGenerator) {
        classifier = ProxyNCALoss(classes: classes, embeddingDimension: embeddingDimension, softmaxScale: softmaxScale,
                                  distance: CosineSimilarity(), generator: &generator)
    }

    public convenience init(configuration: LossConfiguration, classes: [Int], embeddingDimension: Int,
                            generator: inout SeededGenerator) throws {
        guard Set(classes).count == classes.count, !classes.isEmpty else {
            throw LossRegistryError.invalidOption("normalized-softmax needs a non-empty list of distinct classes")
        }
        self.init(classes: classes, embeddingDimension: embeddingDimension,
                  softmaxScale: configuration.softmaxScale ?? 20, generator: &generator)
    }

    public var configuration: LossConfiguration {
        LossConfiguration(name: name, softmaxScale: softmaxScale)
    }

    public func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?,
                         parameterValues: [Matrix<Double>]) -> LossEvaluation {
        classifier.evaluate(embeddings: embeddings, labels: labels, tuples: tuples, parameterValues: parameterValues)
    }
}
