import DMLXCore

/// Rows scaled to unit Euclidean length, and the backward pass through that scaling.
///
/// Matches `torch.nn.functional.normalize(x, p: 2, eps: 1e-12)`: a row is divided by
/// max(‖x‖, 1e-12), so an all-zero row stays zero instead of becoming NaN.
struct RowNormalization {
    static let epsilon = 1e-12

    let normalized: Matrix<Double>
    private let scales: [Double]

    init(_ x: Matrix<Double>) {
        scales = x.rowSquaredNorms.map { max($0.squareRoot(), Self.epsilon) }
        var normalized = x
        for r in 0..<x.rows {
            for c in 0..<x.cols { normalized[r, c] /= scales[r] }
        }
        self.normalized = normalized
    }

    /// ∂L/∂x from ∂L/∂u with u = x / ‖x‖: (g − u (u·g)) / ‖x‖. Below the epsilon the
    /// scale is constant, so the gradient is g / epsilon.
    func backward(_ upstream: Matrix<Double>) -> Matrix<Double> {
        var gradient = upstream
        for r in 0..<upstream.rows {
            let u = normalized.row(r)
            let g = upstream.row(r)
            let projection = scales[r] > Self.epsilon ? zip(u, g).reduce(0) { $0 + $1.0 * $1.1 } : 0
            for c in 0..<upstream.cols {
                gradient[r, c] = (upstream[r, c] - projection * normalized[r, c]) / scales[r]
            }
        }
        return gradient
    }
}

extension Optional where Wrapped == RowNormalization {
    /// The rows seen by the distance: normalised when a normalisation is present.
    func apply(to x: Matrix<Double>) -> Matrix<Double> { self?.normalized ?? x }

    /// The backward pass of `apply`.
    func backward(_ upstream: Matrix<Double>) -> Matrix<Double> { self?.backward(upstream) ?? upstream }
}
