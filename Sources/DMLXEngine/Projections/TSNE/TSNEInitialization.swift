import DMLXCore

/// t-SNE's starting layout, as openTSNE 1.0.4's default `initialization="pca"`: the
/// first two principal components, scaled so the first has standard deviation 10⁻⁴,
/// plus Gaussian jitter of a hundredth of that so no two points coincide. Kobak &
/// Linderman (2021) showed that this informative start keeps the map's global
/// structure where a random one scatters it, and a small scale lets early exaggeration
/// gather the clusters before repulsion spreads them.
///
/// Data without variance along the first axis (every point the same) gets the jitter
/// alone, at the standard deviation of 10⁻⁴, rather than the division by zero a literal
/// port would make.
public enum TSNEInitialization {
    public static let standardDeviation = 1e-4
    public static let jitter = 0.01

    public static func pca(_ embeddings: Matrix<Float>, seed: UInt64) throws -> Matrix<Float> {
        let projected = Matrix<Double>(try PCA(fitting: embeddings).projection.project(embeddings))
        let spread = columnStandardDeviation(projected, 0)
        var layout = Matrix<Float>(rows: embeddings.rows, cols: 2)
        var generator = SeededGenerator(seed: seed)
        let noise = spread > 0 ? standardDeviation * jitter : standardDeviation
        for index in layout.storage.indices {
            let scaled = spread > 0 ? projected.storage[index] * standardDeviation / spread : 0
            layout.storage[index] = Float(scaled + noise * generator.nextGaussian())
        }
        return layout
    }

    /// NumPy's `std` (divisor n) of column `c`.
    private static func columnStandardDeviation(_ m: Matrix<Double>, _ c: Int) -> Double {
        guard m.rows > 0 else { return 0 }
        let mean = (0..<m.rows).reduce(0.0) { $0 + m[$1, c] } / Double(m.rows)
        let variance = (0..<m.rows).reduce(0.0) { $0 + (m[$1, c] - mean) * (m[$1, c] - mean) } / Double(m.rows)
        return variance.squareRoot()
    }
}
