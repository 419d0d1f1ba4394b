import DMLXCore
import Foundation

extension MMC {
    /// The diagonal MMC objective `f(w) = s·w − c·log(Σ_D √(Σ_k v_k² w_k))` (`s = Σ_S v²`
    /// per coordinate), its gradient and Hessian (metric-learn's `_D_constraint`, distances
    /// floored at 10⁻⁶ in the derivatives). `squaredDissimilar` holds the `v²` rows.
    /// The Newton step `H⁻¹∇f` (`H + 10⁻⁶I`) is halved from 1 until `f` falls, then
    /// while it keeps falling (metric-learn's line search), at most 60 times.
    public static func diagonalObjective(weights: [Double], similarSums: [Double], squaredDissimilar: Matrix<Double>,
                                         c: Double) -> (value: Double, gradient: [Double], hessian: Matrix<Double>) {
        let d = weights.count
        var total = 0.0
        var first = [Double](repeating: 0, count: d)
        var curvature = squaredDissimilar
        for r in 0..<squaredDissimilar.rows {
            let distance = zip(squaredDissimilar.row(r), weights).reduce(0) { $0 + $1.0 * $1.1 }.squareRoot()
            total += distance
            let floored = max(distance, 1e-6)
            for k in 0..<d {
                first[k] += squaredDissimilar[r, k] * 0.5 / floored
                curvature[r, k] *= -0.25 / (floored * floored * floored)
            }
        }
        var second = Matrix<Double>(rows: d, cols: d)
        Matrix.gemm(curvature, transposeA: true, squaredDissimilar, alpha: 1 / total, into: &second)
        var hessian = Matrix<Double>(rows: d, cols: d)
        for r in 0..<d {
            for k in 0..<d { hessian[r, k] = -c * (second[r, k] - first[r] * first[k] / (total * total)) }
        }
        let gradient = (0..<d).map { similarSums[$0] - c * first[$0] / total }
        return (zip(similarSums, weights).reduce(0) { $0 + $1.0 * $1.1 } - c * log(total), gradient, hessian)
    }

    func fitDiagonal(similar: Matrix<Double>, dissimilar: Matrix<Double>,
                     progress: (MahalanobisIteration) throws -> Void) throws -> (Matrix<Double>, Int) {
        let d = similar.cols
        let similarSums = (0..<d).map { k in (0..<similar.rows).reduce(0) { $0 + similar[$1, k] * similar[$1, k] } }
        let squared = Matrix(rows: dissimilar.rows, cols: d, storage: dissimilar.storage.map { $0 * $0 })
        func value(_ weights: [Double]) -> Double {
            Self.diagonalObjective(weights: weights, similarSums: similarSums, squaredDissimilar: squared, c: diagonalC).value
        }
        var weights = [Double](repeating: 1, count: d)
        var iteration = 0
        var change = Double.infinity
        while change > tolerance && iteration < maxIterations {
            iteration += 1
            var (start, gradient, hessian) = Self.diagonalObjective(weights: weights, similarSums: similarSums,
                                                                    squaredDissimilar: squared, c: diagonalC)
            for k in 0..<d { hessian[k, k] += 1e-6 }
            let newton = try Self.solveSymmetric(hessian, gradient)
            var best = (point: weights, value: start)
            var scale = 1.0
            for _ in 0..<60 {
                let candidate = zip(weights, newton).map { max(0, $0 - scale * $1) }
                let trial = value(candidate)
                if trial < best.value { best = (candidate, trial) } else if best.value < start { break }
                scale /= 2
            }
            change = abs((best.value - start) / best.value)
            (weights, start) = (best.point, best.value)
            try progress(MahalanobisIteration(index: iteration, objective: start))
        }
        var metric = Matrix<Double>(rows: d, cols: d)
        for k in 0..<d { metric[k, k] = weights[k] }
        return (metric, iteration)
    }

    /// `A⁻¹b` for a symmetric non-singular `A`, by its eigen-decomposition.
    private static func solveSymmetric(_ matrix: Matrix<Double>, _ vector: [Double]) throws -> [Double] {
        let decomposition = try matrix.symmetricEigen()
        let vectors = decomposition.vectors
        let coordinates = (0..<vectors.cols).map { j in
            (0..<vectors.rows).reduce(0) { $0 + vectors[$1, j] * vector[$1] } / decomposition.values[j]
        }
        return (0..<vectors.rows).map { r in (0..<vectors.cols).reduce(0) { $0 + vectors[r, $1] * coordinates[$1] } }
    }
}
