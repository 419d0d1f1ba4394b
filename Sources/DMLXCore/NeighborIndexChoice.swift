/// Which index a neighbour search uses: a kind with its parameters (`--index`,
/// `--index-params`), or automatic (`kind` nil).
///
/// Automatic means exact while the exact leave-one-out search takes about a minute or
/// less on a 2-core laptop, IVF above. Exact search costs about n²·(d + 2) multiply-adds
/// (the GEMM of the symmetric search); `defaultExactWorkLimit` is 3·10¹² of them, a little over
/// the 60,000 raw Fashion-MNIST training images (2.8·10¹², 60 s on 2 threads, R = 5,999
/// deep), so every data set dmlx scored exactly before keeps its exact numbers: up to
/// about 150,000 points of dimension 128 are searched exactly (README's Speed table:
/// 60,000 × 128 in 3.1 s), and 10⁶ × 128 (1.3·10¹⁴, an hour) goes to IVF.
public struct NeighborIndexChoice: Sendable, Equatable {
    public var kind: NeighborIndexKind?
    public var parameters: NeighborIndexParameters

    /// Above this work (n²·(d + 2)) an automatic choice tries IVF.
    public var exactWorkLimit = NeighborIndexChoice.defaultExactWorkLimit

    public static let automatic = NeighborIndexChoice(kind: nil)
    public static let defaultExactWorkLimit = 3e12

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
