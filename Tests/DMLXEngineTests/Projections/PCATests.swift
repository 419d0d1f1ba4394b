import Foundation
import Testing
import DMLXCore
import DMLXEngine

@Suite struct PCATests {
    typealias Data = ProjectionTestData

    /// Column `j` of `axes` as Doubles.
    func axis(_ axes: Matrix<Float>, _ j: Int) -> [Double] { (0..<axes.rows).map { Double(axes[$0, j]) } }

    func expectClose(_ a: [Double], _ b: [Double], _ tolerance: Double) {
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) { #expect(abs(x - y) <= tolerance, "\(a) vs \(b)") }
    }

    /// 400 points along `direction` (standard deviation 2) plus noise of deviation 0.01.
    func line(along direction: [Double], seed: UInt64) -> Matrix<Float> {
        let noise = Data.cloud(rows: 400, scales: [2] + Array(repeating: 0.01, count: direction.count), seed: seed)
        var points = Matrix<Float>(rows: 400, cols: direction.count)
        for r in 0..<400 {
            for c in direction.indices { points[r, c] = Float(1 + noise[r, 0] * direction[c] + noise[r, c + 1]) }
        }
        return points
    }

    @Test func recoversADominantDirectionWithItsLargestEntryPositive() throws {
        // Along ±(3, 4)/5 the largest entry is 4/5, so the convention picks (0.6, 0.8); the
        // second axis is (0.8, −0.6) (largest entry 0.8). Negating the first coordinate
        // gives (−0.6, 0.8) and (0.8, 0.6).
        let pca = try PCA(fitting: line(along: [0.6, 0.8], seed: 1))
        expectClose(axis(pca.axes, 0), [0.6, 0.8], 1e-3)
        expectClose(axis(pca.axes, 1), [0.8, -0.6], 1e-3)
        let mirrored = try PCA(fitting: line(along: [-0.6, 0.8], seed: 1))
        expectClose(axis(mirrored.axes, 0), [-0.6, 0.8], 1e-3)
        expectClose(axis(mirrored.axes, 1), [0.8, 0.6], 1e-3)
        #expect(pca.explainedVarianceRatio[0] > 0.9999)
        expectClose(pca.mean.map(Double.init), [1, 1], 0.2)
        // The same direction in five dimensions, pointing "negatively".
        let five = try PCA(fitting: line(along: [0, -0.48, 0, -0.64, 0.6], seed: 2), components: 1)
        expectClose(axis(five.axes, 0), [0, 0.48, 0, 0.64, -0.6], 1e-3)
    }

    @Test func matchesScikitLearn() throws {
        // sklearn.decomposition.PCA(n_components=3, svd_solver="full") 1.9 on these points
        // (as float32, fitted in float64), each component's sign set by the convention.
        let points = Matrix<Float>([
            [0.73, 2.99, 2.15, 0.90], [4.30, 2.80, 0.91, 0.85], [2.64, 1.95, 1.32, 1.12],
            [-0.61, -0.06, 0.35, 0.88], [0.86, 0.45, -0.07, 0.56], [2.03, 0.46, 2.02, 1.85],
            [-7.56, -5.49, -1.06, 0.83], [0.53, 1.65, 3.34, 1.84], [0.53, 4.71, 3.69, 1.46],
            [-0.43, -2.81, -0.48, 1.11], [-3.63, -1.59, 0.24, 0.78], [0.20, 1.09, 1.13, 0.92],
        ])
        let pca = try PCA(fitting: points, components: 3)
        expectClose(pca.mean.map(Double.init), [-0.03416665, 0.5125, 1.128333, 1.091667], 1e-6)
        expectClose(pca.explainedVariance.map(Double.init), [16.26405, 2.481848, 0.549991], 1e-5)
        expectClose(pca.explainedVarianceRatio.map(Double.init), [0.8426627, 0.1285879, 0.02849578], 1e-6)
        let components = [[0.7089225, 0.6522329, 0.2660137, 0.0354653],
                          [0.6670917, -0.4965727, -0.5503400, -0.0743641],
                          [0.2099208, -0.5246602, 0.6611769, 0.4934673]]
        for (j, component) in components.enumerated() { expectClose(axis(pca.axes, j), component, 1e-5) }
    }

    @Test func axesAreEigenvectorsOfTheNaiveCovarianceAndProjectedVariancesAreTheEigenvalues() throws {
        let raw = Data.rotated(Data.rotated(Data.cloud(rows: 300, scales: [3, 2, 1.5, 1, 0.5, 0.1], offset: 5, seed: 3), 0, 3, by: 0.4), 1, 5, by: 1.1)
        let points = Matrix<Float>(raw)
        let pca = try PCA(fitting: points, components: 6)
        let covariance = Data.naiveCovariance(points)
        let largest = Double(pca.explainedVariance[0])
        #expect(zip(pca.explainedVariance, pca.explainedVariance.dropFirst()).allSatisfy { $0 > $1 })
        let coordinates = Data.naiveProjection(points, mean: pca.mean, axes: pca.axes)
        let trace = (0..<6).reduce(0) { $0 + covariance[$1, $1] }
        for j in 0..<6 {
            let a = axis(pca.axes, j)
            let ca = (0..<6).map { i in (0..<6).reduce(0) { $0 + covariance[i, $1] * a[$1] } }
            expectClose(ca, a.map { $0 * Double(pca.explainedVariance[j]) }, 1e-5 * largest)
            let column = (0..<points.rows).map { coordinates[$0, j] }
            let variance = column.reduce(0) { $0 + $1 * $1 } / Double(points.rows - 1)
            #expect(abs(column.reduce(0, +)) < 1e-3)
            #expect(abs(variance - Double(pca.explainedVariance[j])) < 1e-5 * largest)
            #expect(abs(Double(pca.explainedVarianceRatio[j]) - variance / trace) < 1e-6)
            #expect(a[a.indices.max { abs(a[$0]) < abs(a[$1]) }!] > 0)
            for k in 0..<6 {
                #expect(abs(zip(a, axis(pca.axes, k)).reduce(0) { $0 + $1.0 * $1.1 } - (j == k ? 1 : 0)) < 1e-6)
            }
        }
        #expect(abs(pca.explainedVariance.reduce(0) { $0 + Double($1) } - trace) < 1e-5 * trace)
    }

    @Test func refittingIdenticalDataGivesIdenticalAxes() throws {
        let points = Matrix<Float>(Data.cloud(rows: 200, scales: [1, 2, 3, 0.5], seed: 4))
        #expect(try PCA(fitting: points, components: 3) == PCA(fitting: points, components: 3))
    }

    @Test func fewerPointsThanDimensionsGiveAtMostNMinusOneAxes() throws {
        let three = Matrix<Float>(Data.cloud(rows: 3, scales: Array(repeating: 1, count: 10), seed: 5))
        let pca = try PCA(fitting: three, components: 3)
        let norms = (0..<3).map { j in axis(pca.axes, j).reduce(0) { $0 + $1 * $1 } }
        expectClose(norms, [1, 1, 0], 1e-6)
        #expect(pca.explainedVariance[2] == 0)
        #expect(abs(pca.explainedVarianceRatio.reduce(0, +) - 1) < 1e-5)
        let coordinates = Data.naiveProjection(three, mean: pca.mean, axes: pca.axes)
        let distances = [(0, 1), (0, 2), (1, 2)].map { (i, j) in
            ((0..<10).reduce(0) { $0 + pow(Double(three[i, $1] - three[j, $1]), 2) },
             (0..<3).reduce(0) { $0 + pow(coordinates[i, $1] - coordinates[j, $1], 2) })
        }
        for (original, projected) in distances { #expect(abs(original - projected) < 1e-4 * original) }

        let two = try PCA(fitting: Matrix<Float>([[0, 0, 0], [1, 2, 2]]))
        expectClose(axis(two.axes, 0), [1.0 / 3, 2.0 / 3, 2.0 / 3], 1e-6)
        expectClose(axis(two.axes, 1), [0, 0, 0], 0)
        expectClose(two.explainedVariance.map(Double.init), [4.5, 0], 1e-5)
    }

    @Test func constantDataHasZeroAxesAndNoVariance() throws {
        let constant = Matrix<Float>(Array(repeating: [1.5, -2, 7, 0.1], count: 10))
        let pca = try PCA(fitting: constant)
        #expect(pca.mean == [1.5, -2, 7, 0.1])
        #expect(pca.axes == Matrix(rows: 4, cols: 2))
        #expect(pca.explainedVariance == [0, 0] && pca.explainedVarianceRatio == [0, 0])
        #expect(pca.projection.project(constant) == Matrix(rows: 10, cols: 2))
    }

    @Test func oneDimensionalDataHasAZeroSecondAxis() throws {
        let pca = try PCA(fitting: Matrix<Float>([[1], [2], [3], [4]]))
        #expect(pca.axes == Matrix([[1, 0]]))
        expectClose(pca.explainedVariance.map(Double.init), [5.0 / 3, 0], 1e-6)
        #expect(pca.explainedVarianceRatio == [1, 0])
        #expect(pca.projection.project(Matrix([[0], [2.5]])) == Matrix([[-2.5, 0], [0, 0]]))
    }

    @Test func noPointsOrOnePointGiveZeroAxes() throws {
        let none = try PCA(fitting: Matrix<Float>(rows: 0, cols: 3))
        #expect(none.mean == [0, 0, 0] && none.axes == Matrix(rows: 3, cols: 2) && none.explainedVarianceRatio == [0, 0])
        let one = try PCA(fitting: Matrix<Float>([[4, 5, 6]]), components: 1)
        #expect(one.mean == [4, 5, 6] && one.axes == Matrix(rows: 3, cols: 1) && one.explainedVariance == [0])
        #expect(one.projection.axes == Matrix(rows: 3, cols: 2))
    }

    @Test func nonFiniteDataIsReported() {
        #expect(throws: LAPACKError.nonFiniteInput) { try PCA(fitting: Matrix<Float>([[1, 2], [.nan, 3]])) }
    }
}
