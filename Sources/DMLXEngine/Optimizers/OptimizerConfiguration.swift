/// The optimizer and its hyper-parameters (`--optimizer`, `--lr`, `--proxy-lr`, ...).
/// Defaults are PyTorch's (Adam β = (0.9, 0.999), ε = 1e-8; SGD momentum 0.9 as is usual
/// for metric learning), except the learning rates, which are dmlx's defaults.
public struct OptimizerConfiguration: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case adam
        case sgd
    }

    public var kind: Kind
    /// The learning rate of model parameters.
    public var learningRate: Double
    /// The learning rate of proxies. Proxy-NCA needs proxies to move faster than the
    /// embedding (ProxyNCA++, Teh et al. 2020, use 100× the model's rate).
    public var proxyLearningRate: Double
    /// L2 weight decay added to model gradients (PyTorch's coupled form); never to proxies.
    public var weightDecay: Double
    /// SGD momentum (PyTorch semantics: `v = μv + g; w −= lr·v`).
    public var momentum: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double

    public init(kind: Kind = .adam, learningRate: Double = 0.001, proxyLearningRate: Double = 0.01,
                weightDecay: Double = 0, momentum: Double = 0.9,
                beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.kind = kind
        self.learningRate = learningRate
        self.proxyLearningRate = proxyLearningRate
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }
}
