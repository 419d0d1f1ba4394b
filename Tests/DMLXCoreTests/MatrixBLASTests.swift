import DMLXCore
import Testing

/// `Matrix.gemm` for both BLAS scalars against a naive triple loop, in every transpose
/// combination and with accumulation into `c`.
@Suite struct MatrixBLASTests {
    private static func naive<Scalar: BLASScalar>(_ a: Matrix<Scalar>, _ b: Matrix<Scalar>) -> Matrix<Scalar> {
        var result = Matrix<Scalar>(rows: a.rows, cols: b.cols)
        for i in 0..<a.rows {
            for j in 0..<b.cols {
                for k in 0..<a.cols { result[i, j] += a[i, k] * b[k, j] }
            }
        }
        return result
    }

    private static func check<Scalar: BLASScalar>(_: Scalar.Type) {
        var generator = SeededGenerator(seed: 4)
        func random(_ rows: Int, _ cols: Int) -> Matrix<Scalar> {
            Matrix(rows: rows, cols: cols, storage: (0..<(rows * cols)).map { _ in Scalar(generator.nextGaussian()) })
        }
        let (a, b) = (random(5, 3), random(3, 4))
        let expected = naive(a, b)
        for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
            let product = (transposeA ? a.transposed : a).multiplied(by: transposeB ? b.transposed : b,
                                                                     transposingSelf: transposeA,
                                                                     transposingOther: transposeB)
            #expect(zip(product.storage, expected.storage).allSatisfy { abs($0 - $1) <= 1e-5 })
        }
        var accumulated = expected
        Matrix.gemm(a, b, alpha: 2, beta: 1, into: &accumulated)
        #expect(zip(accumulated.storage, expected.storage).allSatisfy { abs($0 - 3 * $1) <= 1e-5 })
    }

    @Test func floatProductsMatchTheNaiveLoop() { Self.check(Float.self) }

    @Test func doubleProductsMatchTheNaiveLoop() { Self.check(Double.self) }

    @Test func emptyInnerDimensionScalesTheOutput() {
        var c = Matrix<Double>([[1, 2]])
        Matrix.gemm(Matrix(rows: 1, cols: 0), Matrix(rows: 0, cols: 2), beta: 0.5, into: &c)
        #expect(c == Matrix([[0.5, 1]]))
    }
}
