extension Matrix where Scalar == Float {
    /// `‖x_i − y_j‖²` for row `i` of `self` and row `j` of `other`, summed in Double from
    /// the differences: no cancellation, unlike the GEMM form `‖x‖² + ‖y‖² − 2x·y` whose
    /// Float rounding is a fraction of the norms, not of the distance (for near-duplicates
    /// of large vectors it is all rounding).
    public func exactSquaredDistance(_ i: Int, to other: Matrix<Float>, _ j: Int) -> Double {
        precondition(cols == other.cols, "rows of \(cols) and \(other.cols) dimensions")
        return storage.withUnsafeBufferPointer { x in
            other.storage.withUnsafeBufferPointer { y in
                var sum = 0.0
                for c in 0..<cols {
                    let difference = Double(x[i * cols + c]) - Double(y[j * cols + c])
                    sum += difference * difference
                }
                return sum
            }
        }
    }
}
