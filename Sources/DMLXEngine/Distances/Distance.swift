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
    /// ∂L/∂x for `matrix(x)`, given `upstream` = ∂L/∂matrix(x). The default adds both
    /// sides of `backward(x, x, upstream:)`; a distance symmetric in its arguments can
    /// do one side's work instead (see `symmetrized`).
    func backward(_ x: Matrix<Double>, upstream: Matrix<Double>) -> Matrix<Double>
}

extension Distance {
    /// The matrix of a batch against itself.
    public func matrix(_ x: Matrix<Double>) -> Matrix<Double> { matrix(x, x) }

    /// x appears on both sides, so both gradients add up.
    public func backward(_ x: Matrix<Double>, upstream: Matrix<Double>) -> Matrix<Double> {
        let gradients = backward(x, x, upstream: upstream)
        var sum = gradients.x
        for i in sum.storage.indices { sum.storage[i] += gradients.y.storage[i] }
        return sum
    }

    /// G + Gᵀ for a square upstream G. When matrix(x, y)_ij = f(x_i, y_j) with f
    /// symmetric, ∂L/∂x of matrix(x, x) is the x side of `backward(x, x, upstream: G + Gᵀ)`:
    /// Σ_j G_kj ∂₁f(x_k, x_j) + Σ_i G_ik ∂₂f(x_i, x_k) = Σ_j (G + Gᵀ)_kj ∂₁f(x_k, x_j).
    static func symmetrized(_ upstream: Matrix<Double>) -> Matrix<Double> {
        precondition(upstream.rows == upstream.cols, "the upstream of matrix(x) is square")
        var sum = upstream
        for i in 0..<upstream.rows {
            for j in 0..<upstream.cols { sum[i, j] += upstream[j, i] }
        }
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
