/// How a UMAP map is made (McInnes, Healy & Melville 2018, "UMAP: Uniform Manifold
/// Approximation and Projection for Dimension Reduction"). Every default is umap-learn
/// 0.5.12's (`umap.UMAP()`), so a dmlx map can be compared with the one its users know:
/// 15 neighbours counting the point itself, `min_dist` 0.1 and `spread` 1 (the curve
/// `1 / (1 + a·d^{2b})` fitted to them, `UMAPCurve`), spectral initialisation, 500
/// epochs up to 10,000 points and 200 beyond, learning rate 1 decaying linearly to 0,
/// 5 negative samples per positive one, repulsion strength 1.
public struct UMAPConfiguration: Sendable, Equatable {
    public var neighborCount = 15
    public var minimumDistance = 0.1
    public var spread = 1.0
    /// nil: 500 epochs for up to 10,000 points, 200 for more.
    public var epochs: Int?
    public var learningRate = 1.0
    public var negativeSampleRate = 5
    public var repulsionStrength = 1.0
    /// Seed of the negative samples, the initial jitter and the layout of tiny components.
    public var seed: UInt64 = 0

    public init() {}

    /// The epochs a map of `n` points runs.
    public func epochCount(points n: Int) -> Int { epochs ?? (n <= 10_000 ? 500 : 200) }

    /// A map continued from a neighbouring epoch's layout of the same points (what
    /// training changed is small): 100 epochs at a quarter of the learning rate, enough
    /// to settle the change without undoing the layout it starts from.
    public var continuation: UMAPConfiguration {
        var next = self
        next.epochs = 100
        next.learningRate = learningRate / 4
        return next
    }
}
