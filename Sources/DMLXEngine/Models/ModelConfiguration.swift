/// The architecture of an embedding model, as chosen on the command line
/// (`--model`, `--hidden`, `--dim`, `--normalize`).
public struct ModelConfiguration: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A learned Mahalanobis map: `f(x) = xL`, so `‖f(x) − f(y)‖² = (x − y)ᵀM(x − y)`
        /// with `M = LLᵀ ⪰ 0`.
        case linear
        /// Fully connected layers with ReLU between them.
        case mlp
    }

    public var kind: Kind
    /// Widths of the MLP's hidden layers (ignored by `linear`).
    public var hidden: [Int]
    /// The embedding dimension.
    public var dimension: Int
    /// Whether the model ends with L2 normalisation. On by default: the distances of the
    /// deep losses normalise anyway (pytorch-metric-learning's default), so evaluation
    /// then measures the geometry the loss trained.
    public var normalize: Bool

    public init(kind: Kind = .mlp, hidden: [Int] = [128], dimension: Int = 32, normalize: Bool = true) {
        self.kind = kind
        self.hidden = hidden
        self.dimension = dimension
        self.normalize = normalize
    }
}
