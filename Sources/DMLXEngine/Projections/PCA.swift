import DMLXCore

/// Principal component analysis of the rows of an `n × d` matrix, as scikit-learn's
/// `PCA(svd_solver="full")`: the axes are the leading eigenvectors of the sample
/// covariance `C = X̃ᵀX̃ / (n − 1)` of the centred data `X̃`, and `explainedVariance`
/// their eigenvalues.
///
/// Precision: the mean is summed in Double, so centring removes the offset exactly
/// enough that the Float `sgemm` forming `X̃ᵀX̃` (the only O(n·d²) step, 0.45 ms for
/// 5,000 × 64) loses only the rounding of an n-term dot product, far below what a
/// terminal scatter can show; Double accumulation would double that cost for nothing
/// visible. The `d × d` eigenproblem runs in Double (`dsyevd`, 0.3 ms for d = 64):
/// close eigenvalues get properly separated eigenvectors and the axes are orthonormal
/// to 1e-16, so rotating them by a Procrustes factor keeps them orthonormal. Its O(d³)
/// cost dominates only for wide raw features: 0.14 s for d = 784 (Fashion-MNIST pixels).
///
/// Sign convention: each axis is flipped so that its entry of largest magnitude (the
/// first such on a tie) is positive, so refits on identical data give identical axes
/// and a refit on slightly changed data rarely flips.
///
/// Degenerate data: an axis whose variance is at most `λ₁ · d · ε_Float` (NumPy's
/// `matrix_rank` tolerance for the `d × d` Float covariance: below it an eigenvalue is
/// rounding noise) is not supported by the data and is the zero vector with variance 0,
/// rather than an arbitrary direction of the null space. So constant data, a single
/// point or no points give all-zero axes, `n < d` gives at most `n − 1` non-zero axes,
/// and components beyond `d` (`d = 1`, two components) are zero.
public struct PCA: Sendable, Equatable {
    /// The column means (`d`).
    public let mean: [Float]
    /// `d × components`; non-zero columns are orthonormal, in descending variance.
    public let axes: Matrix<Float>
    /// The variance of the data along each axis (the covariance eigenvalues, divisor
    /// `n − 1`).
    public let explainedVariance: [Float]
    /// Each axis's share of the total variance `trace(C)`; all 0 when the data has none.
    public let explainedVarianceRatio: [Float]

    /// Fits `components` (at least 1) axes to the rows of `data`. Throws
    /// `LAPACKError.nonFiniteInput` when `data` holds NaN or infinity.
    public init(fitting data: Matrix<Float>, components: Int = 2) throws(LAPACKError) {
        precondition(components >= 1, "PCA needs at least one component, not \(components)")
        let (mean, centred) = Self.centre(data)
        var covariance = Matrix<Float>(rows: data.cols, cols: data.cols)
        Matrix.gemm(centred, transposeA: true, centred, alpha: 1 / Float(max(data.rows - 1, 1)), into: &covariance)
        let decomposition = try Matrix<Double>(covariance).symmetricEigen()
        let largest = max(decomposition.values.first ?? 0, 0)
        let tolerance = largest * Double(data.cols) * Double(Float.ulpOfOne)
        var axes = Matrix<Float>(rows: data.cols, cols: components)
        var variances = [Float](repeating: 0, count: components)
        for (j, value) in decomposition.values.prefix(components).enumerated() where value > tolerance {
            variances[j] = Float(value)
            let axis = Self.signNormalised((0..<data.cols).map { decomposition.vectors[$0, j] })
            for r in 0..<data.cols { axes[r, j] = Float(axis[r]) }
        }
        let total = (0..<data.cols).reduce(0.0) { $0 + Double(covariance[$1, $1]) }
        self.mean = mean
        self.axes = axes
        self.explainedVariance = variances
        self.explainedVarianceRatio = variances.map { total > 0 ? Float(Double($0) / total) : 0 }
    }

    /// The map onto the first two axes (the second zero when only one was fitted).
    public var projection: LinearProjection {
        var plane = Matrix<Float>(rows: axes.rows, cols: 2)
        for r in 0..<axes.rows {
            for c in 0..<min(axes.cols, 2) { plane[r, c] = axes[r, c] }
        }
        return LinearProjection(mean: mean, axes: plane)
    }

    /// The column means (summed in Double) and `data` minus them.
    static func centre(_ data: Matrix<Float>) -> (mean: [Float], centred: Matrix<Float>) {
        var sums = [Double](repeating: 0, count: data.cols)
        for r in 0..<data.rows {
            for (c, value) in data.row(r).enumerated() { sums[c] += Double(value) }
        }
        let mean = sums.map { Float($0 / Double(max(data.rows, 1))) }
        return (mean, data.subtractingFromRows(mean))
    }

    /// `axis` or `−axis`, whichever has a positive entry of largest magnitude.
    static func signNormalised(_ axis: [Double]) -> [Double] {
        guard let dominant = axis.indices.max(by: { abs(axis[$0]) < abs(axis[$1]) }) else { return axis }
        return axis[dominant] < 0 ? axis.map { -$0 } : axis
    }
}
