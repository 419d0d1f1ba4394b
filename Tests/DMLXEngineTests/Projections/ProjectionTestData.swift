import Foundation
import DMLXCore
import DMLXEngine

/// Point clouds and naive reference computations shared by the projection tests.
enum ProjectionTestData {
    /// `rows` Gaussian points whose column `c` has standard deviation `scales[c]`, shifted
    /// by `offset` (the same in every column).
    static func cloud(rows: Int, scales: [Double], offset: Double = 0, seed: UInt64) -> Matrix<Double> {
        var generator = SeededGenerator(seed: seed)
        var cloud = Matrix<Double>(rows: rows, cols: scales.count)
        for r in 0..<rows {
            for (c, scale) in scales.enumerated() { cloud[r, c] = offset + scale * generator.nextGaussian() }
        }
        return cloud
    }

    /// `points` with columns `first` and `second` rotated by `angle`: (x, y) ↦ (x cos − y sin, x sin + y cos).
    static func rotated(_ points: Matrix<Double>, _ first: Int, _ second: Int, by angle: Double) -> Matrix<Double> {
        var result = points
        for r in 0..<points.rows {
            let (x, y) = (points[r, first], points[r, second])
            result[r, first] = x * cos(angle) - y * sin(angle)
            result[r, second] = x * sin(angle) + y * cos(angle)
        }
        return result
    }

    /// `(p − mean) · axes` for every row, by plain loops in Double.
    static func naiveProjection(_ points: Matrix<Float>, mean: [Float], axes: Matrix<Float>) -> Matrix<Double> {
        var result = Matrix<Double>(rows: points.rows, cols: axes.cols)
        for r in 0..<points.rows {
            for j in 0..<axes.cols {
                result[r, j] = (0..<points.cols).reduce(0) { $0 + (Double(points[r, $1]) - Double(mean[$1])) * Double(axes[$1, j]) }
            }
        }
        return result
    }

    /// The sample covariance (divisor n − 1) by plain loops in Double.
    static func naiveCovariance(_ points: Matrix<Float>) -> Matrix<Double> {
        let n = Double(points.rows)
        let means = (0..<points.cols).map { c in (0..<points.rows).reduce(0) { $0 + Double(points[$1, c]) } / n }
        var covariance = Matrix<Double>(rows: points.cols, cols: points.cols)
        for i in 0..<points.cols {
            for j in 0..<points.cols {
                covariance[i, j] = (0..<points.rows).reduce(0) {
                    $0 + (Double(points[$1, i]) - means[i]) * (Double(points[$1, j]) - means[j])
                } / (n - 1)
            }
        }
        return covariance
    }

    /// The largest absolute entry-wise difference.
    static func maxDifference<A, B>(_ a: Matrix<A>, _ b: Matrix<B>) -> Double {
        precondition(a.rows == b.rows && a.cols == b.cols)
        return zip(a.storage, b.storage).reduce(0) { max($0, abs(Double($1.0) - Double($1.1))) }
    }

    /// The root-mean-square distance between corresponding points of two `n × 2` configurations.
    static func rmsDisplacement(_ a: Matrix<Float>, _ b: Matrix<Float>) -> Double {
        let squares = zip(a.storage, b.storage).reduce(0.0) { $0 + (Double($1.0) - Double($1.1)) * (Double($1.0) - Double($1.1)) }
        return (squares / Double(max(a.rows, 1))).squareRoot()
    }
}
