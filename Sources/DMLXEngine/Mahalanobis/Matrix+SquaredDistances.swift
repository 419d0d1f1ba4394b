import DMLXCore

extension Matrix where Scalar == Double {
    /// All squared Euclidean distances between the rows, `‖a‖² + ‖b‖² − 2aᵀb` by one GEMM,
    /// clipped at 0 (cancellation can make the formula slightly negative) and exactly 0 on
    /// the diagonal.
    func pairwiseSquaredDistances() -> Matrix<Double> {
        var distances = Matrix<Double>(rows: rows, cols: rows)
        Matrix.gemm(self, self, transposeB: true, alpha: -2, into: &distances)
        let norms = (0..<rows).map { r in row(r).reduce(0) { $0 + $1 * $1 } }
        for i in 0..<rows {
            for j in 0..<rows { distances.storage[i * rows + j] = max(distances.storage[i * rows + j] + norms[i] + norms[j], 0) }
            distances.storage[i * rows + i] = 0
        }
        return distances
    }
}
