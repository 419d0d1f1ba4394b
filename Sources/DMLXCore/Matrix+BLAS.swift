import CBLAS

extension Matrix where Scalar == Float {
    /// `c = alpha · op(a) · op(b) + beta · c` with OpenBLAS `cblas_sgemm`, where `op`
    /// transposes when asked. `c` must already have the product's shape.
    public static func gemm(
        _ a: Matrix, transposeA: Bool = false,
        _ b: Matrix, transposeB: Bool = false,
        alpha: Float = 1, beta: Float = 0, into c: inout Matrix
    ) {
        let m = transposeA ? a.cols : a.rows
        let k = transposeA ? a.rows : a.cols
        let n = transposeB ? b.rows : b.cols
        precondition((transposeB ? b.cols : b.rows) == k, "inner dimensions differ: \(k) vs \(transposeB ? b.cols : b.rows)")
        precondition(c.rows == m && c.cols == n, "output is \(c.rows)×\(c.cols), product is \(m)×\(n)")
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            for i in c.storage.indices { c.storage[i] *= beta }
            return
        }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    cblas_sgemm(
                        CblasRowMajor,
                        transposeA ? CblasTrans : CblasNoTrans,
                        transposeB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), alpha,
                        pa.baseAddress, Int32(a.cols),
                        pb.baseAddress, Int32(b.cols),
                        beta, pc.baseAddress, Int32(n))
                }
            }
        }
    }

    /// The product `op(self) · op(other)` as a new matrix.
    public func multiplied(by other: Matrix, transposingSelf transposeSelf: Bool = false,
                           transposingOther transposeOther: Bool = false) -> Matrix {
        var result = Matrix(rows: transposeSelf ? cols : rows, cols: transposeOther ? other.rows : other.cols)
        Matrix.gemm(self, transposeA: transposeSelf, other, transposeB: transposeOther, into: &result)
        return result
    }
}

/// Process-wide OpenBLAS settings.
public enum BLAS {
    /// The number of threads OpenBLAS uses inside one call. Two training runs side by
    /// side on two cores each want 1 (OpenBLAS worker threads busy-spin); a single run
    /// may use all cores.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(max(1, newValue))) }
    }
}
