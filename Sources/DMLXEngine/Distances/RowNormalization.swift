import DMLXCore

/// Rows scaled to unit Euclidean length, and the backward pass through that scaling: the
/// model's `L2Normalization` layer in `Float`, the distances' `normalizeEmbeddings` in
/// `Double`.
///
/// Matches `torch.nn.functional.normalize(x, p: 2, eps: 1e-12)`: a row is divided by
/// max(‖x‖, 1e-12), so an all-zero row stays zero instead of becoming NaN.
struct RowNormalization<Scalar: BinaryFloatingPoint & Sendable> {
    static var epsilon: Scalar { 1e-12 }

    let normalized: Matrix<Scalar>
    private let scales: [Scalar]

    init(_ x: Matrix<Scalar>) {
        let scales = x.rowSquaredNorms.map { max($0.squareRoot(), Self.epsilon) }
        var normalized = x
        normalized.storage.withUnsafeMutableBufferPointer { values in
            for r in 0..<x.rows {
                for c in (r * x.cols)..<((r + 1) * x.cols) { values[c] /= scales[r] }
            }
        }
        self.normalized = normalized
        self.scales = scales
    }

    /// ∂L/∂x from ∂L/∂u with u = x / ‖x‖: (g − u (u·g)) / ‖x‖, the part of g tangent to
    /// the sphere. Below the epsilon the scale is constant, so the gradient is g / epsilon.
    func backward(_ upstream: Matrix<Scalar>) -> Matrix<Scalar> {
        var gradient = upstream
        gradient.storage.withUnsafeMutableBufferPointer { values in
            for r in 0..<upstream.rows {
                let u = normalized.row(r)
                let projection = scales[r] > Self.epsilon ? zip(u, upstream.row(r)).reduce(0) { $0 + $1.0 * $1.1 } : 0
                // A row slice is indexed by storage position, the same in `values`.
                for c in u.indices { values[c] = (values[c] - projection * u[c]) / scales[r] }
            }
        }
        return gradient
    }
}

extension Optional {
    /// The rows seen by the distance: normalised when a normalisation is present.
    func apply(to x: Matrix<Double>) -> Matrix<Double> where Wrapped == RowNormalization<Double> {
        self?.normalized ?? x
    }

    /// The backward pass of `apply`.
    func backward(_ upstream: Matrix<Double>) -> Matrix<Double> where Wrapped == RowNormalization<Double> {
        self?.backward(upstream) ?? upstream
    }
}
