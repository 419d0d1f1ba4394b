/// The options of a loss, as the command line and saved runs carry them.
///
/// A nil option takes the loss's default (documented on each loss, and visible in the
/// loss's resolved `configuration`); an option a loss does not use is ignored.
public struct LossConfiguration: Codable, Sendable, Equatable {
    /// The registry name, e.g. "triplet".
    public var name: String
    /// Triplet margin; for the contrastive loss, the negative margin when
    /// `negativeMargin` is not given.
    public var margin: Double?
    public var positiveMargin: Double?
    public var negativeMargin: Double?
    /// Triplet: use the positive–negative distance when it violates the margin more.
    public var swap: Bool?
    /// Triplet: softplus instead of the hinge.
    public var smoothLoss: Bool?
    public var softmaxScale: Double?
    /// Proxies per class; below 1, classes share proxies (0.5: one proxy for two classes).
    /// A Double so that old integer values in saved runs still decode.
    public var proxiesPerClass: Double?
    public var proxyForm: ProxyNCAForm?
    public var proxyAssignment: ProxyAssignment?
    public var alpha: Double?
    public var beta: Double?
    public var base: Double?
    /// Histogram loss: the number of bins over the similarity range [−1, 1].
    public var bins: Int?

    public init(name: String, margin: Double? = nil, positiveMargin: Double? = nil, negativeMargin: Double? = nil,
                swap: Bool? = nil, smoothLoss: Bool? = nil, softmaxScale: Double? = nil,
                proxiesPerClass: Double? = nil, proxyForm: ProxyNCAForm? = nil, proxyAssignment: ProxyAssignment? = nil,
                alpha: Double? = nil, beta: Double? = nil, base: Double? = nil, bins: Int? = nil) {
        self.name = name
        self.margin = margin
        self.positiveMargin = positiveMargin
        self.negativeMargin = negativeMargin
        self.swap = swap
        self.smoothLoss = smoothLoss
        self.softmaxScale = softmaxScale
        self.proxiesPerClass = proxiesPerClass
        self.proxyForm = proxyForm
        self.proxyAssignment = proxyAssignment
        self.alpha = alpha
        self.beta = beta
        self.base = base
        self.bins = bins
    }
}
