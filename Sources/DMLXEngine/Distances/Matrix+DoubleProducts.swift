import DMLXCore

extension Matrix where Scalar == Double {
    /// `self · otherᵀ`. The loss stage's matrices are batch-sized, so plain loops in
    /// Double are fast enough and keep the precision the gradient checks rely on.
    func multipliedTransposed(_ other: Matrix<Double>) -> Matrix<Double> {
        precondition(cols == other.cols, "inner dimensions differ: \(cols) vs \(other.cols)")
        var result = Matrix<Double>(rows: rows, cols: other.rows)
        for i in 0..<rows {
            let a = row(i)
            for j in 0..<other.rows {
                result[i, j] = zip(a, other.row(j)).reduce(0) { $0 + $1.0 * $1.1 }
            }
        }
        return result
    }

    /// `self · other`.
    func multiplied(_ other: Matrix<Double>) -> Matrix<Double> {
        precondition(cols == other.rows, "inner dimensions differ: \(cols) vs \(other.rows)")
        var result = Matrix<Double>(rows: rows, cols: other.cols)
        for i in 0..<rows {
            for k in 0..<cols where self[i, k] != 0 {
                let scale = self[i, k]
                for j in 0..<other.cols { result[i, j] += scale * other[k, j] }
            }
        }
        return result
    }
}
