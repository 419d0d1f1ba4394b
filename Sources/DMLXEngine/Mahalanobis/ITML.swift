import DMLXCore
import Foundation

/// Information-Theoretic Metric Learning (Davis, Kulis, Jain, Sra & Dhillon, ICML 2007),
/// as metric-learn 0.7's `ITML_Supervised`.
///
/// Minimises the LogDet divergence `D_ld(M, M₀) = tr(M M₀⁻¹) − log det(M M₀⁻¹) − d` to the
/// prior `M₀ = I` subject to `d_M(a, b) ≤ u` for similar pairs and `d_M(a, b) ≥ l` for
/// dissimilar pairs, with slack controlled by `γ`, by cyclic Bregman projections: for each
/// constraint in turn, with `v = x_a − x_b`, `p = vᵀMv` and dual variable `λ ≥ 0`,
/// `α = min(λ, γ/(γ+1)·(1/p − 1/ξ))` (similar; `1/ξ − 1/p` for dissimilar),
/// `λ ← λ − α`, `ξ ← 1/(1/ξ ± α/γ)`, `β = ±α / (1 ∓ αp)` and `M ← M + β MvvᵀM` (a rank-one
/// update, so M stays positive definite without any eigen-decomposition). One sweep over
/// all constraints is one iteration; stop after `maxIterations` or when
/// `Σ|λ_old − λ| / (‖λ‖ + ‖λ_old‖) < tolerance`.
///
/// Defaults as metric-learn: γ = 1, 1000 iterations, tolerance 1e-3, `20·C²` similar and
/// as many dissimilar pairs (`PairConstraints`, seeded), `u` and `l` the 5th and 95th
/// percentiles (linear interpolation, as NumPy) of the Euclidean distances between all
/// points occurring in a pair (the full matrix, diagonal included). Like metric-learn,
/// the bounds are distances while `p` is a squared distance; kept so numbers compare.
/// Progress reports `D_ld(M, I)` and how many projections moved `M` in the sweep.
public struct ITML: MahalanobisLearner {
    public var name: String { "itml" }
    public var gamma: Double
    public var maxIterations: Int
    public var tolerance: Double
    /// Pairs of each kind; `nil` means `20·C²`.
    public var constraintCount: Int?
    public var seed: UInt64
    /// Who draws the constraints from `seed`: dmlx (default) or, to train on exactly the
    /// constraints metric-learn would with `random_state = seed`, `.metricLearn`.
    public var sampler: PairConstraints.Sampler

    public init(gamma: Double = 1, maxIterations: Int = 1000, tolerance: Double = 1e-3,
                constraintCount: Int? = nil, seed: UInt64 = 0, sampler: PairConstraints.Sampler = .dmlx) {
        self.gamma = gamma
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.constraintCount = constraintCount
        self.seed = seed
        self.sampler = sampler
    }

    public func fit(features: Matrix<Float>, labels: [Int],
                    progress: (MahalanobisIteration) throws -> Void) throws -> LearnedMetric {
        try MahalanobisError.validate(features: features, labels: labels, minimumClassSize: 2)
        let data = Matrix<Double>(features)
        let pairs = PairConstraints(labels: labels, count: constraintCount, seed: seed, sampler: sampler)
        let (lower, upper) = Self.bounds(data: data, pairs: pairs)
        let d = data.cols
        let differences = (pairs.positive + pairs.negative).flatMap { a, b in (0..<d).map { data[a, $0] - data[b, $0] } }
        let positiveCount = pairs.positive.count
        var targets = [Double](repeating: lower, count: positiveCount)
            + [Double](repeating: upper, count: pairs.negative.count)
        var duals = [Double](repeating: 0, count: targets.count)
        var metric = Matrix<Double>.identity(d)
        let projectionScale = gamma.isInfinite ? 1 : gamma / (gamma + 1)
        var iteration = 0
        while iteration < maxIterations {
            iteration += 1
            let previous = duals
            var moved = 0
            var projected = Vector(count: d)
            for index in targets.indices {
                let similar = index < positiveCount
                let p = projected.apply(metric: metric, to: differences, at: index * d)
                let sign: Double = similar ? 1 : -1
                let alpha = min(duals[index], projectionScale * sign * (1 / p - 1 / targets[index]))
                duals[index] -= alpha
                targets[index] = 1 / (1 / targets[index] + sign * alpha / gamma)
                let beta = sign * alpha / (1 - sign * alpha * p)
                if beta != 0 { moved += 1; projected.addOuterProduct(scaledBy: beta, to: &metric) }
            }
            let norms = Self.norm(duals) + Self.norm(previous)
            try progress(MahalanobisIteration(index: iteration, objective: try Self.logDetDivergence(metric), activeConstraints: moved))
            guard norms > 0 else { break }
            if zip(previous, duals).reduce(0, { $0 + abs($1.0 - $1.1) }) / norms < tolerance { break }
        }
        return try LearnedMetric(metric: metric, iterations: iteration)
    }

    /// The 5th and 95th percentiles of the pairwise distances among the points in `pairs`.
    public static func bounds(data: Matrix<Double>, pairs: PairConstraints) -> (lower: Double, upper: Double) {
        let points = Set((pairs.positive + pairs.negative).flatMap { [$0.0, $0.1] }).sorted()
        let distances = data.rows(points).pairwiseSquaredDistances().storage.map { $0.squareRoot() }.sorted()
        func percentile(_ q: Double) -> Double {
            let position = q / 100 * Double(distances.count - 1)
            let below = Int(position.rounded(.down))
            let above = min(below + 1, distances.count - 1)
            let value = distances[below] + (position - Double(below)) * (distances[above] - distances[below])
            return value == 0 ? 1e-9 : value
        }
        return (percentile(5), percentile(95))
    }

    /// `tr(M) − log det M − d`, the divergence from the identity prior.
    static func logDetDivergence(_ metric: Matrix<Double>) throws -> Double {
        try metric.symmetricEigen().values.reduce(0) { $0 + $1 - log($1) - 1 }
    }

    private static func norm(_ values: [Double]) -> Double { values.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// `Mv` for the current constraint, kept to apply the rank-one update `M += β(Mv)(Mv)ᵀ`.
    private struct Vector {
        var values: [Double]
        init(count: Int) { values = [Double](repeating: 0, count: count) }

        /// Stores `Mv` for `v = differences[offset..<offset+d]` and returns `vᵀMv`.
        mutating func apply(metric: Matrix<Double>, to differences: [Double], at offset: Int) -> Double {
            let d = values.count
            return metric.storage.withUnsafeBufferPointer { m in
                differences.withUnsafeBufferPointer { all in
                    values.withUnsafeMutableBufferPointer { out in
                        let v = all.baseAddress! + offset
                        var quadratic = 0.0
                        for r in 0..<d {
                            let row = m.baseAddress! + r * d
                            var sum = 0.0
                            for c in 0..<d { sum += row[c] * v[c] }
                            out[r] = sum
                            quadratic += sum * v[r]
                        }
                        return quadratic
                    }
                }
            }
        }

        func addOuterProduct(scaledBy beta: Double, to metric: inout Matrix<Double>) {
            let d = values.count
            values.withUnsafeBufferPointer { u in
                metric.storage.withUnsafeMutableBufferPointer { m in
                    for r in 0..<d {
                        let scaled = beta * u[r]
                        let row = m.baseAddress! + r * d
                        for c in 0..<d { row[c] += scaled * u[c] }
                    }
                }
            }
        }
    }
}
