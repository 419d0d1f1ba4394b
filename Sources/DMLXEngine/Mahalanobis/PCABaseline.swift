import DMLXCore

/// Principal component analysis as an unsupervised metric baseline (Pearson 1901;
/// Hotelling 1933): `L` holds the leading principal axes of the training features
/// (`PCA`, the covariance eigenvectors), a plain projection without whitening, so
/// distances are Euclidean distances in the kept subspace and the labels are not used.
///
/// The features are taken as given; the classic benchmark standardises them, which makes
/// this PCA of the correlation matrix (every feature counts equally whatever its unit).
/// Components: `components` if set (at most d), else the fewest whose explained variance
/// reaches 95 % of the total, scikit-learn's `PCA(n_components=0.95)` rule (the smallest
/// k with cumulative ratio > 0.95): enough to keep the geometry the k-NN classifier sees
/// while dropping the noise directions (standardised digits: 40 of 64). Closed form, one iteration;
/// progress reports the fraction of the variance explained.
public struct PCABaseline: MahalanobisLearner {
    public var name: String { "pca" }
    /// Components to keep; `nil` means those explaining 95 % of the variance.
    public var components: Int?

    public init(components: Int? = nil) {
        self.components = components
    }

    public func fit(features: Matrix<Float>, labels: [Int],
                    progress: (MahalanobisIteration) throws -> Void) throws -> LearnedMetric {
        try MahalanobisError.validate(features: features, labels: labels)
        let pca = try PCA(fitting: features, components: features.cols)
        let ratios = pca.explainedVarianceRatio.map(Double.init)
        let count = components.map { min($0, features.cols) } ?? Self.count(explaining: 0.95, ratios: ratios)
        try progress(MahalanobisIteration(index: 1, objective: ratios.prefix(count).reduce(0, +)))
        var axes = Matrix<Float>(rows: count, cols: features.cols)
        for r in 0..<count { for c in 0..<features.cols { axes[r, c] = pca.axes[c, r] } }
        return LearnedMetric(components: axes, iterations: 1)
    }

    /// The smallest k whose cumulative ratio exceeds `fraction` (all when none does).
    private static func count(explaining fraction: Double, ratios: [Double]) -> Int {
        var cumulative = 0.0
        for (index, ratio) in ratios.enumerated() {
            cumulative += ratio
            if cumulative > fraction { return index + 1 }
        }
        return ratios.count
    }
}
