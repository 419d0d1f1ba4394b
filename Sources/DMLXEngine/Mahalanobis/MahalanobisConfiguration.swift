/// A classic Mahalanobis learner and its options, as chosen with `--method`: the part of a
/// `TrainingConfiguration` that replaces the deep loss, model and optimiser. Nil options
/// take the learner's own defaults (listed by `dmlx datasets` and the README).
public struct MahalanobisConfiguration: Codable, Sendable, Equatable {
    /// A name from `MahalanobisRegistry` (`nca`, `lmnn`, `itml`, `mmc`, ...).
    public var name: String
    /// Constraints drawn from the labels (pairs of each kind for ITML and MMC).
    public var constraints: Int?
    /// LMNN's target neighbours per sample.
    public var neighbors: Int?
    /// The cap on the learner's iterations.
    public var maxIterations: Int?
    /// FARM's regulariser on M.
    public var regularizer: FARM.Regularizer?
    /// Components of the kernel PCA in front of a `kernel-` method.
    public var kernelComponents: Int?
    /// γ of the RBF kernel of a `kernel-` method.
    public var kernelGamma: Double?

    public init(name: String, constraints: Int? = nil, neighbors: Int? = nil, maxIterations: Int? = nil,
                regularizer: FARM.Regularizer? = nil, kernelComponents: Int? = nil, kernelGamma: Double? = nil) {
        self.name = name
        self.constraints = constraints
        self.neighbors = neighbors
        self.maxIterations = maxIterations
        self.regularizer = regularizer
        self.kernelComponents = kernelComponents
        self.kernelGamma = kernelGamma
    }
}
