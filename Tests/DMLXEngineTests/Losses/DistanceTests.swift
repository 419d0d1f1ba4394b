import DMLXCore
import DMLXEngine
import DMLXTestSupport
import Foundation
import Testing

@Suite struct DistanceTests {
    static let distances: [(String, any Distance)] = [
        ("lp", LpDistance()), ("lp-squared", LpDistance(power: 2)), ("lp-raw", LpDistance(normalizeEmbeddings: false)),
        ("lp-power-1.5", LpDistance(power: 1.5)), ("cosine", CosineSimilarity()),
        ("dot", DotProductSimilarity()), ("dot-raw", DotProductSimilarity(normalizeEmbeddings: false)),
    ]

    @Test func handComputedValues() {
        let x = Matrix<Double>([[3, 4], [0, 2]])
        let y = Matrix<Double>([[1, 0], [0, 0]])
        let raw = LpDistance(normalizeEmbeddings: false).matrix(x, y)
        #expect(raw == Matrix([[sqrt(20), 5], [sqrt(5), 2]]))
        #expect(LpDistance(normalizeEmbeddings: false, power: 2).matrix(x, y)[0, 1] == 25)
        // Normalised, (0.6, 0.8) vs (1, 0): √(0.16 + 0.64); the zero row stays zero.
        let normalized = LpDistance().matrix(x, y)
        #expect(abs(normalized[0, 0] - sqrt(0.8)) < 1e-15)
        #expect(abs(normalized[0, 1] - 1) < 1e-15)
        #expect(abs(CosineSimilarity().matrix(x, y)[0, 0] - 0.6) < 1e-15)
        #expect(CosineSimilarity().matrix(x, y)[1, 1] == 0)
        #expect(DotProductSimilarity(normalizeEmbeddings: false).matrix(x, Matrix([[1, 2]])) == Matrix([[11], [4]]))
    }

    @Test func marginFollowsTheDirection() {
        #expect(LpDistance().margin(0.3, 1.0) == -0.7)
        #expect(CosineSimilarity().margin(0.3, 1.0) == 0.7)
        #expect(CosineSimilarity().isCloser(0.9, than: 0.1) && LpDistance().isCloser(0.1, than: 0.9))
    }

    @Test(arguments: distances)
    func backwardMatchesCentralDifferences(name: String, distance: any Distance) {
        var generator = SeededGenerator(seed: 9)
        func gaussian(_ rows: Int, _ cols: Int) -> Matrix<Double> {
            Matrix(rows: rows, cols: cols, storage: (0..<(rows * cols)).map { _ in generator.nextGaussian() })
        }
        let (x, y, upstream, selfUpstream) = (gaussian(4, 3), gaussian(5, 3), gaussian(4, 5), gaussian(4, 4))
        func weighted(_ matrix: Matrix<Double>, _ weights: Matrix<Double>) -> Double {
            zip(matrix.storage, weights.storage).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let (gradientX, gradientY) = distance.backward(x, y, upstream: upstream)
        #expect(GradientCheck.relativeError(gradientX, GradientCheck.numerical(at: x) { weighted(distance.matrix($0, y), upstream) }) < 1e-6)
        #expect(GradientCheck.relativeError(gradientY, GradientCheck.numerical(at: y) { weighted(distance.matrix(x, $0), upstream) }) < 1e-6)
        // The self matrix has a diagonal of zero distances: the gradient checks there only
        // for power 2 and the similarities, which are smooth at d = 0.
        var offDiagonal = selfUpstream
        if distance is LpDistance && (distance as! LpDistance).power < 2 {
            for i in 0..<4 { offDiagonal[i, i] = 0 }
        }
        let selfGradient = distance.backward(x, upstream: offDiagonal)
        #expect(GradientCheck.relativeError(selfGradient, GradientCheck.numerical(at: x) { weighted(distance.matrix($0), offDiagonal) }) < 1e-6)
    }

    @Test func zeroDistanceHasZeroSubgradient() {
        let x = Matrix<Double>([[1, 2], [1, 2], [0, 0]])
        for distance in [LpDistance(), LpDistance(normalizeEmbeddings: false)] {
            let gradient = distance.backward(x, upstream: Matrix(rows: 3, cols: 3, repeating: 1))
            #expect(gradient.isFinite)
        }
        // Rows 0 and 1 coincide and row 2 is far: only the 0–2 and 1–2 pairs pull.
        let upstream = Matrix<Double>([[0, 1, 0], [0, 0, 0], [0, 0, 0]])
        #expect(LpDistance(normalizeEmbeddings: false).backward(x, upstream: upstream).storage.allSatisfy { $0 == 0 })
    }

    /// The GEMM form ‖u‖² + ‖v‖² − 2u·v loses a 1e-7 distance between unit-scale rows to
    /// cancellation (relative error about 1e-2); the recomputed entries keep it.
    @Test func smallDistancesKeepTheirRelativePrecision() {
        let base: [Double] = [0.3, -1.2, 0.7, 2.1]
        let nearby = base.enumerated().map { $0.offset == 2 ? $0.element + 1e-7 : $0.element }
        let x = Matrix<Double>([base, nearby, [0, 0, 0, 0]])
        let matrix = LpDistance(normalizeEmbeddings: false).matrix(x)
        #expect(abs(matrix[0, 1] - 1e-7) / 1e-7 < 1e-8)
        #expect(abs(matrix[1, 0] - 1e-7) / 1e-7 < 1e-8)
        #expect((0..<3).allSatisfy { matrix[$0, $0] == 0 })
        #expect(abs(matrix[0, 2] - sqrt(base.reduce(0) { $0 + $1 * $1 })) < 1e-15)
    }

    @Test func reducers() {
        let terms = [0.0, 2, -1, 4]
        #expect(MeanReducer().reduce(terms) == Reduction(value: 1.25, weights: [0.25, 0.25, 0.25, 0.25]))
        #expect(SumReducer().reduce(terms) == Reduction(value: 5, weights: [1, 1, 1, 1]))
        #expect(AvgNonZeroReducer().reduce(terms) == Reduction(value: 3, weights: [0, 0.5, 0, 0.5]))
        #expect(AvgNonZeroReducer().reduce([0, -1]) == Reduction(value: 0, weights: [0, 0]))
        #expect(MeanReducer().reduce([]) == Reduction(value: 0, weights: []))
    }
}
