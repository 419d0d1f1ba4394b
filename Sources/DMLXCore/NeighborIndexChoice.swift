/// Which index a neighbour search uses: a kind with its parameters (`--index`,
/// `--index-params`), or automatic (`kind` nil).
///
/// Automatic means exact while exact leave-one-out search answers within seconds, IVF
/// above. Exact search costs about n²·(d + 2) multiply-adds (the symmetric search
/// computes each pair once, twice in blocks); `exactWorkLimit` is the work measured to
/// take about 10 s with 2 threads here (100,000 × 128 points, k = 10: TODO s), so 2-D
/// maps of 500,000 points and 2,048-dimensional embeddings of 25,000 are still exact.
public struct NeighborIndexChoice: Sendable, Equatable {
    public var kind: NeighborIndexKind?
    public var parameters: NeighborIndexParameters

    public static let automatic = NeighborIndexChoice(kind: nil)
    public static let exactWorkLimit = 1.3e12

    public init(kind: NeighborIndexKind?, parameters: NeighborIndexParameters = NeighborIndexParameters()) {
        self.kind = kind
        self.parameters = parameters
    }

    /// The kind searched for `points` points of `dimension` dimensions.
    public func resolvedKind(points: Int, dimension: Int) -> NeighborIndexKind {
        kind ?? (Self.exactWork(points: points, dimension: dimension) <= Self.exactWorkLimit ? .exact : .ivf)
    }

    /// Multiply-adds of the exact leave-one-out search, n²·(d + 2).
    public static func exactWork(points: Int, dimension: Int) -> Double {
        Double(points) * Double(points) * Double(dimension + 2)
    }
}
