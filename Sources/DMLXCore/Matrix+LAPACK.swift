import CLapacke

/// A LAPACK symmetric eigensolver in row-major layout: given `n`, the matrix `a` (read
/// from its upper triangle, overwritten by eigenvectors in columns) and the output
/// `w` (ascending eigenvalues), returns LAPACK's `info`.
typealias SymmetricEigenRoutine<Scalar> = (Int32, UnsafeMutablePointer<Scalar>, UnsafeMutablePointer<Scalar>) -> Int32

extension Matrix where Scalar == Float {
    /// All eigenvalues (descending) and eigenvectors of this symmetric matrix, by LAPACK
    /// `ssyevd` (divide and conquer). Only the upper triangle is read, so a product such
    /// as `XᵀX` whose two triangles differ in the last bit is still handled consistently.
    public func symmetricEigen() throws(LAPACKError) -> SymmetricEigenDecomposition<Float> {
        try symmetricEigen(routine: "LAPACKE_ssyevd") { n, a, w in
            LAPACKE_ssyevd(LAPACK_ROW_MAJOR, vectorsWanted, upperTriangle, n, a, n, w)
        }
    }
}

extension Matrix where Scalar == Double {
    /// As the `Float` version, by `dsyevd`. Costs about twice as much and resolves
    /// eigenvectors of close eigenvalues (gap / ‖A‖ near 1e-6) that single precision
    /// cannot separate; for d ≤ a few hundred either is far below a millisecond.
    ///
    /// When `dsyevd` reports that it failed to converge, `dsyev` (implicit QL/QR) decides:
    /// Debian's OpenBLAS 0.3.21 `dsyevd` fails (info 2209) on some finite 64×64 matrices
    /// with a large cluster of equal eigenvalues, such as an MMC iterate on digits, which
    /// `dsyev`, `dsyevr` and NumPy's bundled OpenBLAS `dsyevd` all decompose.
    public func symmetricEigen() throws(LAPACKError) -> SymmetricEigenDecomposition<Double> {
        do {
            return try symmetricEigen(routine: "LAPACKE_dsyevd") { n, a, w in
                LAPACKE_dsyevd(LAPACK_ROW_MAJOR, vectorsWanted, upperTriangle, n, a, n, w)
            }
        } catch {
            guard case .failed(_, let info) = error, info > 0 else { throw error }
            return try symmetricEigen(routine: "LAPACKE_dsyev") { n, a, w in
                LAPACKE_dsyev(LAPACK_ROW_MAJOR, vectorsWanted, upperTriangle, n, a, n, w)
            }
        }
    }
}

private let vectorsWanted = CChar(UInt8(ascii: "V"))
private let upperTriangle = CChar(UInt8(ascii: "U"))

extension Matrix {
    /// Runs `decompose` on a copy of `self` and reorders LAPACK's ascending output to
    /// descending. Non-finite input is refused before the call: LAPACKE's own NaN check
    /// can be switched off by the environment, and LAPACK on NaN may not terminate.
    func symmetricEigen(routine: String, _ decompose: SymmetricEigenRoutine<Scalar>)
        throws(LAPACKError) -> SymmetricEigenDecomposition<Scalar>
    {
        precondition(rows == cols, "an eigen-decomposition needs a square matrix, not \(rows)×\(cols)")
        guard isFinite else { throw .nonFiniteInput }
        let n = rows
        guard n > 0 else { return SymmetricEigenDecomposition(values: [], vectors: self) }
        var a = storage
        var ascending = [Scalar](repeating: 0, count: n)
        let info = a.withUnsafeMutableBufferPointer { pa in
            ascending.withUnsafeMutableBufferPointer { pw in decompose(Int32(n), pa.baseAddress!, pw.baseAddress!) }
        }
        guard info == 0 else { throw .failed(routine: routine, info: Int(info)) }
        var vectors = Matrix(rows: n, cols: n)
        for r in 0..<n {
            for j in 0..<n { vectors[r, j] = a[r * n + (n - 1 - j)] }
        }
        return SymmetricEigenDecomposition(values: ascending.reversed(), vectors: vectors)
    }
}
