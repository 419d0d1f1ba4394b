import Testing
import DMLXCore

@Suite struct SymmetricEigenTests {
    /// Column `j` of `vectors`, with the sign making its largest entry positive, so that
    /// LAPACK's arbitrary signs can be compared with hand-computed vectors.
    func column<S>(_ vectors: Matrix<S>, _ j: Int) -> [Double] {
        let v = (0..<vectors.rows).map { Double(vectors[$0, j]) }
        let dominant = v.indices.max { abs(v[$0]) < abs(v[$1]) }!
        return v[dominant] < 0 ? v.map { -$0 } : v
    }

    func expectClose(_ a: [Double], _ b: [Double], _ tolerance: Double) {
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) { #expect(abs(x - y) < tolerance, "\(a) vs \(b)") }
    }

    /// A random symmetric `n × n` matrix `(B + Bᵀ) / 2`, B standard Gaussian.
    func randomSymmetric(_ n: Int, seed: UInt64) -> Matrix<Double> {
        var generator = SeededGenerator(seed: seed)
        let b = Matrix<Double>(rows: n, cols: n, storage: (0..<n * n).map { _ in generator.nextGaussian() })
        var a = Matrix<Double>(rows: n, cols: n)
        for i in 0..<n { for j in 0..<n { a[i, j] = (b[i, j] + b[j, i]) / 2 } }
        return a
    }

    /// max |A v − λ v| over all pairs and max |VᵀV − I|, computed by plain loops.
    func residuals<S>(_ a: Matrix<S>, _ e: SymmetricEigenDecomposition<S>) -> (eigen: Double, orthonormality: Double) {
        let n = a.rows
        var eigen = 0.0, orthonormality = 0.0
        for j in 0..<n {
            for i in 0..<n {
                let av = (0..<n).reduce(0.0) { $0 + Double(a[i, $1]) * Double(e.vectors[$1, j]) }
                eigen = max(eigen, abs(av - Double(e.values[j]) * Double(e.vectors[i, j])))
                let dot = (0..<n).reduce(0.0) { $0 + Double(e.vectors[$1, i]) * Double(e.vectors[$1, j]) }
                orthonormality = max(orthonormality, abs(dot - (i == j ? 1 : 0)))
            }
        }
        return (eigen, orthonormality)
    }

    @Test func twoByTwoByHand() throws {
        // [[2, 1], [1, 2]]: λ = 3 with (1, 1)/√2, λ = 1 with (1, −1)/√2.
        let e = try Matrix<Float>([[2, 1], [1, 2]]).symmetricEigen()
        expectClose(e.values.map(Double.init), [3, 1], 1e-6)
        let s = 0.5.squareRoot()
        expectClose(column(e.vectors, 0), [s, s], 1e-6)
        expectClose(column(e.vectors, 1), [s, -s], 1e-6)
    }

    @Test func threeByThreeByHand() throws {
        // Block diag(2, [[3, 4], [4, 9]]): the block has trace 12 and determinant 11, so
        // λ = 6 ± 5; [[3, 4], [4, 9]]·(1, 2) = 11·(1, 2) and ·(2, −1) = 1·(2, −1).
        let a = Matrix<Double>([[2, 0, 0], [0, 3, 4], [0, 4, 9]])
        let s = 1 / 5.0.squareRoot()
        let double = try a.symmetricEigen()
        let single = try Matrix<Float>(a).symmetricEigen()
        for (values, vectors) in [(double.values, double.vectors), (single.values.map(Double.init), Matrix<Double>(single.vectors))] {
            expectClose(values, [11, 2, 1], 1e-5)
            expectClose(column(vectors, 0), [0, s, 2 * s], 1e-6)
            expectClose(column(vectors, 1), [1, 0, 0], 1e-6)
            expectClose(column(vectors, 2), [0, 2 * s, -s], 1e-6)
        }
    }

    @Test func randomSymmetricMatrixSatisfiesTheEigenEquationInBothPrecisions() throws {
        let a = randomSymmetric(24, seed: 7)
        let double = try a.symmetricEigen()
        let single = try Matrix<Float>(a).symmetricEigen()
        #expect(zip(double.values, double.values.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(zip(single.values, single.values.dropFirst()).allSatisfy { $0 >= $1 })
        let (doubleEigen, doubleOrthonormality) = residuals(a, double)
        #expect(doubleEigen < 1e-12 && doubleOrthonormality < 1e-13)
        let (singleEigen, singleOrthonormality) = residuals(Matrix<Float>(a), single)
        #expect(singleEigen < 1e-5 && singleOrthonormality < 1e-5)
        // The trace is the sum of the eigenvalues.
        let trace = (0..<24).reduce(0.0) { $0 + a[$1, $1] }
        #expect(abs(double.values.reduce(0, +) - trace) < 1e-12)
        expectClose(single.values.map(Double.init), double.values, 1e-5)
    }

    @Test func readsOnlyTheUpperTriangle() throws {
        let full = try Matrix<Double>([[2, 1], [1, 2]]).symmetricEigen()
        let upper = try Matrix<Double>([[2, 1], [-50, 2]]).symmetricEigen()
        #expect(full == upper)
    }

    @Test func emptyMatrixHasNoEigenpairs() throws {
        let e = try Matrix<Float>(rows: 0, cols: 0).symmetricEigen()
        #expect(e.values.isEmpty && e.vectors.rows == 0)
    }

    @Test func nonFiniteInputIsReportedNotTrapped() {
        #expect(throws: LAPACKError.nonFiniteInput) { try Matrix<Float>([[1, .nan], [.nan, 1]]).symmetricEigen() }
        #expect(throws: LAPACKError.nonFiniteInput) { try Matrix<Double>([[.infinity]]).symmetricEigen() }
        #expect(LAPACKError.failed(routine: "LAPACKE_ssyevd", info: -4).description.contains("argument 4"))
    }
}
