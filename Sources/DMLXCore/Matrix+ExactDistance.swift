extension Matrix where Scalar == Float {
    /// `‖x_i − y_j‖²` for row `i` of `self` and row `j` of `other`, from the differences:
    /// no cancellation, unlike the GEMM form `‖x‖² + ‖y‖² − 2x·y` whose Float rounding is
    /// a fraction of the norms, not of the distance (for near-duplicates of large vectors
    /// it is all rounding). Eight lanes of Float partial sums over 64 coordinates at a
    /// time are folded into a Double, so the result is within a few Float roundings of the
    /// exact value whatever the dimension, at SIMD speed.
    public func exactSquaredDistance(_ i: Int, to other: Matrix<Float>, _ j: Int) -> Double {
        precondition(cols == other.cols, "rows of \(cols) and \(other.cols) dimensions")
        return storage.withUnsafeBufferPointer { x in
            other.storage.withUnsafeBufferPointer { y in
                let a = x.baseAddress! + i * cols, b = y.baseAddress! + j * cols
                var total = 0.0
                var c = 0
                while c + 8 <= cols {
                    var lanes = SIMD8<Float>()
                    let end = min(cols, c + 64)
                    while c + 8 <= end {
                        let difference = UnsafeRawPointer(a + c).loadUnaligned(as: SIMD8<Float>.self)
                            - UnsafeRawPointer(b + c).loadUnaligned(as: SIMD8<Float>.self)
                        lanes += difference * difference
                        c += 8
                    }
                    total += Double(lanes.sum())
                }
                for rest in c..<cols {
                    let difference = Double(a[rest]) - Double(b[rest])
                    total += difference * difference
                }
                return total
            }
        }
    }
}
