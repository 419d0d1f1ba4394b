import CBLAS

extension Matrix where Scalar: BLASScalar {
    /// `c = alpha · op(a) · op(b) + beta · c` with OpenBLAS (`sgemm` or `dgemm`), where
    /// `op` transposes when asked. `c` must already have the product's shape.
    @inlinable
    public static func gemm(
        _ a: Matrix, transposeA: Bool = false,
        _ b: Matrix, transposeB: Bool = false,
        alpha: Scalar = 1, beta: Scalar = 0, into c: inout Matrix
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
                    Scalar.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                                a: pa.baseAddress!, lda: a.cols, b: pb.baseAddress!, ldb: b.cols,
                                beta: beta, c: pc.baseAddress!, ldc: n)
                }
            }
        }
    }

    /// The product `op(self) · op(other)` as a new matrix.
    @inlinable
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
