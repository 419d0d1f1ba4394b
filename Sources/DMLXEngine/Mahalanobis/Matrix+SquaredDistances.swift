import DMLXCore

extension Matrix where Scalar == Double {
    /// Squared Euclidean distances from each row to each row of `other` (`rows × other.rows`),
    /// `‖a‖² + ‖b‖² − 2aᵀb` by one GEMM, clipped at 0 (cancellation can make the formula
    /// slightly negative).
    func squaredDistances(to other: Matrix<Double>) -> Matrix<Double> {
        var distances = Matrix<Double>(rows: rows, cols: other.rows)
        Matrix.gemm(self, other, transposeB: true, alpha: -2, into: &distances)
        let norms = (0..<rows).map { r in row(r).reduce(0) { $0 + $1 * $1 } }
        let otherNorms = (0..<other.rows).map { r in other.row(r).reduce(0) { $0 + $1 * $1 } }
        for i in 0..<rows {
            for j in 0..<other.rows {
                distances.storage[i * other.rows + j] = max(distances.storage[i * other.rows + j] + norms[i] + otherNorms[j], 0)
            }
        }
        return distances
    }

    /// All squared distances between the rows, exactly 0 on the diagonal.
    func pairwiseSquaredDistances() -> Matrix<Double> {
        var distances = squaredDistances(to: self)
        for i in 0..<rows { distances.storage[i * rows + i] = 0 }
        return distances
    }

    /// The squared distance between rows `a` and `b`.
    func squaredDistance(_ a: Int, _ b: Int) -> Double {
        (0..<cols).reduce(0) { sum, c in
            let difference = storage[a * cols + c] - storage[b * cols + c]
            return sum + difference * difference
        }
    }
}
