import DMLXCore

extension Matrix where Scalar == Double {
    /// The nearest PSD matrix to the symmetric part of `self` (Frobenius norm), by the
    /// eigen-decomposition `VΛVᵀ` with every eigenvalue `λ` replaced by `max(λ − shift, 0)`.
    /// `shift = 0` is the plain projection onto the PSD cone (MMC, Schultz–Joachims); a
    /// positive shift is also the proximal operator of `shift · tr(M)` on that cone
    /// (FARM's nuclear-norm regulariser, which for a PSD matrix is its trace).
    func projectedOntoPSDCone(shiftingEigenvaluesBy shift: Double = 0) throws -> Matrix<Double> {
        var symmetric = self
        for r in 0..<rows { for c in 0..<cols { symmetric[r, c] = (self[r, c] + self[c, r]) / 2 } }
        let decomposition = try symmetric.symmetricEigen()
        var scaled = decomposition.vectors
        for c in 0..<scaled.cols {
            let value = max(decomposition.values[c] - shift, 0)
            for r in 0..<scaled.rows { scaled[r, c] *= value }
        }
        return scaled.multiplied(by: decomposition.vectors, transposingOther: true)
    }
}
