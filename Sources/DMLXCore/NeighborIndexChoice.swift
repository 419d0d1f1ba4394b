/// Which index a neighbour search uses: a kind with its parameters (`--index`,
/// `--index-params`), or automatic (`kind` nil).
///
/// Automatic means exact while exact leave-one-out search answers within seconds, IVF
/// above. Exact search costs about n²·(d + 2) multiply-adds (the GEMM of the symmetric
/// search); `defaultExactWorkLimit` is the work that takes about 10 s with 2 threads on the
/// 2-core development machine: README's Speed table has 60,000 × 128 points (4.7·10¹¹)
/// in 3.1 s with no other load (50,000 × 128 took 8.0 s, 25,000 × 128 2.3 s, while other
/// builds shared the machine). So up to about 107,000 points of dimension 128, 43,000 of
/// 784 (Fashion-MNIST's 60,000 raw images take 60 s exactly, R = 5,999 deep, and go to
/// IVF) and 600,000 2-D points are searched exactly.
public struct NeighborIndexChoice: Sendable, Equatable {
    public var kind: NeighborIndexKind?
    public var parameters: NeighborIndexParameters

    /// Above this work (n²·(d + 2)) an automatic choice tries IVF.
    public var exactWorkLimit = NeighborIndexChoice.defaultExactWorkLimit

    public static let automatic = NeighborIndexChoice(kind: nil)
    public static let defaultExactWorkLimit = 1.5e12

    public init(kind: NeighborIndexKind?, parameters: NeighborIndexParameters = NeighborIndexParameters()) {
        self.kind = kind
        self.parameters = parameters
    }

    /// The kind searched for `points` points of `dimension` dimensions.
    public func resolvedKind(points: Int, dimension: Int) -> NeighborIndexKind {
        kind ?? (Self.exactWork(points: points, dimension: dimension) <= exactWorkLimit ? .exact : .ivf)
    }

    /// Multiply-adds of the exact leave-one-out search, n²·(d + 2).
    public static func exactWork(points: Int, dimension: Int) -> Double {
        Double(points) * Double(points) * Double(dimension + 2)
    }
}
