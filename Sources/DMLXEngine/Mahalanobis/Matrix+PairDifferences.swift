import DMLXCore

extension Matrix where Scalar == Double {
    /// One row `x_a − x_b` per pair `(a, b)` of rows of `self`: the difference vectors
    /// whose quadratic forms `vᵀMv` are the constraint-based learners' squared distances.
    func pairDifferences(_ pairs: [(Int, Int)]) -> Matrix<Double> {
        Matrix(rows: pairs.count, cols: cols,
               storage: pairs.flatMap { a, b in (0..<cols).map { storage[a * cols + $0] - storage[b * cols + $0] } })
    }
}
