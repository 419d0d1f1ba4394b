import DMLXCore

/// A pairwise distance or similarity between the rows of two matrices, with its backward
/// pass, as pytorch-metric-learning's `BaseDistance`.
///
/// Losses and miners are written once against this protocol: `isInverted` says whether
/// larger entries mean closer (a similarity) and `margin(_:_:)` measures "how much closer"
/// in either case, exactly as PML's `distance.margin`.
public protocol Distance: Sendable {
    /// True for similarities (larger = closer), false for distances.
    var isInverted: Bool { get }
    /// The `x.rows × y.rows` matrix of pairwise values.
    func matrix(_ x: Matrix<Double>, _ y: Matrix<Double>) -> Matrix<Double>
    /// Given `upstream` = ∂L/∂matrix(x, y), the gradients ∂L/∂x and ∂L/∂y.
    func backward(_ x: Matrix<Double>, _ y: Matrix<Double>, upstream: Matrix<Double>)
        -> (x: Matrix<Double>, y: Matrix<Double>)
}

extension Distance {
    /// The matrix of a batch against itself.
    public func matrix(_ x: Matrix<Double>) -> Matrix<Double> { matrix(x, x) }

    /// ∂L/∂x for `matrix(x)`: x appears on both sides, so both gradients add up.
    public func backward(_ x: Matrix<Double>, upstream: Matrix<Double>) -> Matrix<Double> {
        let gradients = backward(x, x, upstream: upstream)
        var sum = gradients.x
        for i in sum.storage.indices { sum.storage[i] += gradients.y.storage[i] }
        return sum
    }

    /// +1 for a similarity, −1 for a distance: multiplies a matrix entry into "closeness".
    public var closenessSign: Double { isInverted ? 1 : -1 }

    /// By how much `y` is closer than `x` (PML's `margin`): `x − y` for a distance,
    /// `y − x` for a similarity. Its derivative with respect to `x` is `−closenessSign`.
    public func margin(_ x: Double, _ y: Double) -> Double { closenessSign * (y - x) }

    /// Whether the value `a` means closer than the value `b`.
    public func isCloser(_ a: Double, than b: Double) -> Bool { closenessSign * (a - b) > 0 }
}
