import DMLXCore

extension Matrix where Scalar == Double {
    /// The Frobenius inner product `⟨A, B⟩ = Σ A_rc B_rc`.
    func frobeniusInner(_ other: Matrix<Double>) -> Double {
        zip(storage, other.storage).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// `‖A‖_F = √⟨A, A⟩`.
    var frobeniusNorm: Double { frobeniusInner(self).squareRoot() }
}
