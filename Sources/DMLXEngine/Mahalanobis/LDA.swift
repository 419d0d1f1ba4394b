import DMLXCore

/// Linear discriminant analysis as a metric baseline, as scikit-learn's
/// `LinearDiscriminantAnalysis(solver="svd").transform` up to a rotation and sign per axis
/// (Fisher 1936; Hastie, Tibshirani & Friedman, ESL §4.3.3).
///
/// With the pooled within-class covariance `S_w = Σ_c Σ_{i∈c} (x_i − μ_c)(x_i − μ_c)ᵀ / (n − C)`
/// and the between-class scatter `S_b = Σ_c n_c (μ_c − μ)(μ_c − μ)ᵀ`: whiten by
/// `W = U_r Λ_r^{-½}` (eigenvectors of `S_w` whose eigenvalue exceeds 10⁻⁸·λ_max, so
/// constant features are dropped rather than blown up), take the leading
/// `min(C − 1, r)` eigenvectors `V` of `WᵀS_bW`, and return `L = (WV)ᵀ`: the discriminant
/// axes, each with unit within-class variance. Closed form, one iteration.
public struct LDA: MahalanobisLearner {
    public var name: String { "lda" }

    public init() {}

    public func fit(features: Matrix<Float>, labels: [Int],
                    progress: (MahalanobisIteration) throws -> Void) throws -> LearnedMetric {
        try MahalanobisError.validate(features: features, labels: labels)
        let data = Matrix<Double>(features)
        let d = data.cols
        let groups = Dictionary(grouping: labels.indices, by: { labels[$0] }).sorted { $0.key < $1.key }.map(\.value)
        let overall = Self.mean(of: data, rows: Array(0..<data.rows))
        var centred = data
        var between = Matrix<Double>(rows: groups.count, cols: d)
        for (position, members) in groups.enumerated() {
            let centre = Self.mean(of: data, rows: members)
            for row in members { for c in 0..<d { centred[row, c] -= centre[c] } }
            let weight = Double(members.count).squareRoot()
            for c in 0..<d { between[position, c] = weight * (centre[c] - overall[c]) }
        }
        var within = Matrix<Double>(rows: d, cols: d)
        Matrix.gemm(centred, transposeA: true, centred, alpha: 1 / Double(max(data.rows - groups.count, 1)), into: &within)
        let decomposition = try within.symmetricEigen()
        let largest = decomposition.values.first ?? 0
        let kept = decomposition.values.indices.filter { decomposition.values[$0] > 1e-8 * largest }
        var whitening = Matrix<Double>(rows: d, cols: kept.count)
        for (column, axis) in kept.enumerated() {
            let scale = 1 / decomposition.values[axis].squareRoot()
            for r in 0..<d { whitening[r, column] = decomposition.vectors[r, axis] * scale }
        }
        let projectedBetween = between.multiplied(by: whitening)
        let discriminants = try projectedBetween.multiplied(by: projectedBetween, transposingSelf: true).symmetricEigen()
        let count = min(groups.count - 1, kept.count)
        var leading = Matrix<Double>(rows: kept.count, cols: count)
        for r in 0..<kept.count { for c in 0..<count { leading[r, c] = discriminants.vectors[r, c] } }
        let axes = whitening.multiplied(by: leading)
        try progress(MahalanobisIteration(index: 1, objective: discriminants.values.prefix(count).reduce(0, +)))
        return LearnedMetric(components: axes.transposed, iterations: 1)
    }

    private static func mean(of data: Matrix<Double>, rows: [Int]) -> [Double] {
        (0..<data.cols).map { c in rows.reduce(0) { $0 + data[$1, c] } / Double(rows.count) }
    }
}
