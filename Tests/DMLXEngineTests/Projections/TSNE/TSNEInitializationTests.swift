import Testing
import DMLXCore
import DMLXEngine

@Suite struct TSNEInitializationTests {
    static func standardDeviation(_ m: Matrix<Float>, _ c: Int) -> Double {
        let values = (0..<m.rows).map { Double(m[$0, c]) }
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
    }

    /// openTSNE's start: the principal components scaled so the first has standard
    /// deviation 10⁻⁴, and jitter a hundredth of that.
    @Test func theStartIsThePCAScaledToATenThousandth() throws {
        let digits = try BuiltinDatasets.digits().features
        let start = try TSNEInitialization.pca(digits, seed: 0)
        #expect(abs(Self.standardDeviation(start, 0) - 1e-4) < 2e-6)
        let pca = try PCA(fitting: digits).projection.project(digits)
        let scale = 1e-4 / Self.standardDeviation(pca, 0)
        let jitter = (0..<start.storage.count).map { Double(start.storage[$0]) - Double(pca.storage[$0]) * scale }
        let rms = (jitter.reduce(0) { $0 + $1 * $1 } / Double(jitter.count)).squareRoot()
        #expect(abs(rms - 1e-6) < 1e-7, "jitter \(rms)")
        // Equal to rounding, not bit for bit: other suites change OpenBLAS's thread count
        // (process-wide) while this one runs, and the PCA's GEMM sums in its order.
        let again = try TSNEInitialization.pca(digits, seed: 0), other = try TSNEInitialization.pca(digits, seed: 1)
        #expect(zip(again.storage, start.storage).allSatisfy { abs($0 - $1) <= 1e-9 })
        #expect(zip(other.storage, start.storage).contains { abs($0 - $1) > 1e-8 })
    }

    @Test func identicalPointsGetJitterAlone() throws {
        let start = try TSNEInitialization.pca(Matrix(rows: 20, cols: 3, repeating: 7), seed: 0)
        #expect(start.isFinite && Set(start.storage).count == 40)
        #expect(abs(Self.standardDeviation(start, 0) - 1e-4) < 5e-5)
    }
}
