import DMLXCore
import Foundation

/// Mahalanobis Metric for Clustering (Xing, Ng, Jordan & Russell, "Distance Metric
/// Learning, with Application to Clustering with Side-Information", NIPS 2002), as
/// metric-learn 0.7's `MMC_Supervised`.
///
/// With similar pairs S and dissimilar pairs D (`PairConstraints`, `20·C²` each, seeded)
/// and `v = x_a − x_b`, MMC solves
/// `max_M g(M) = log(Σ_D √(vᵀMv))  s.t.  Σ_S vᵀMv ≤ t,  M ⪰ 0`.
///
/// Full version (default): projected gradient ascent. Each cycle alternates projections
/// onto the half-space `⟨W, M⟩ ≤ t` (`W = Σ_S vvᵀ`, `t = ⟨W, I⟩/100` as metric-learn) and
/// onto the PSD cone (eigen-decomposition, negative eigenvalues set to 0) until the
/// constraint holds to 1 % (at most `maxProjections`), then accepts the point if `g`
/// rose and steps along the ascent direction `∇g` made orthogonal to `W`, with step size
/// ×1.05 on success and ÷2 on failure; stop when `‖αΔ‖ / ‖M‖ < tolerance` or after
/// `maxIterations` cycles. metric-learn's very first direction is the similarity
/// gradient made orthogonal to `∇g` (its arguments are swapped for that one call); here
/// every direction, the first included, is the ascent direction of the paper.
///
/// Diagonal version (`diagonal: true`): `M = diag(w)`, Newton–Raphson on
/// `f(w) = Σ_S Σ_k v_k² w_k − c · log(Σ_D √(Σ_k v_k² w_k))` (`c = diagonalC`) with step
/// halving and `w ≥ 0` by clipping, until the relative decrease is below `tolerance`.
/// metric-learn evaluates the line search with `+c·log(…)` while its Newton step uses
/// the gradient of `−c·log(…)`; here both use the paper's `−`.
///
/// Defaults as metric-learn: 100 cycles, 10,000 projections, tolerance 1e-6, `c = 1`,
/// `M₀ = I`. Progress reports `g(M)` (full, rising) or `f(w)` (diagonal, falling).
public struct MMC: MahalanobisLearner {
    public var name: String { diagonal ? "mmc-diagonal" : "mmc" }
    public var maxIterations: Int
    public var maxProjections: Int
    public var tolerance: Double
    public var diagonal: Bool
    public var diagonalC: Double
    /// Pairs of each kind; `nil` means `20·C²`.
    public var constraintCount: Int?
    public var seed: UInt64
    /// Who draws the constraints from `seed`: dmlx (default) or, to train on exactly the
    /// constraints metric-learn would with `random_state = seed`, `.metricLearn`.
    public var sampler: PairConstraints.Sampler

    public init(maxIterations: Int = 100, maxProjections: Int = 10_000, tolerance: Double = 1e-6,
                diagonal: Bool = false, diagonalC: Double = 1, constraintCount: Int? = nil, seed: UInt64 = 0,
                sampler: PairConstraints.Sampler = .dmlx) {
        self.maxIterations = maxIterations
        self.maxProjections = maxProjections
        self.tolerance = tolerance
        self.diagonal = diagonal
        self.diagonalC = diagonalC
        self.constraintCount = constraintCount
        self.seed = seed
        self.sampler = sampler
    }

    public func fit(features: Matrix<Float>, labels: [Int],
                    progress: (MahalanobisIteration) throws -> Void) throws -> LearnedMetric {
        try MahalanobisError.validate(features: features, labels: labels, minimumClassSize: 2)
        let data = Matrix<Double>(features)
        let pairs = PairConstraints(labels: labels, count: constraintCount, seed: seed, sampler: sampler)
        let similar = data.pairDifferences(pairs.positive)
        let dissimilar = data.pairDifferences(pairs.negative)
        let (metric, iterations) = diagonal
            ? try fitDiagonal(similar: similar, dissimilar: dissimilar, progress: progress)
            : try fitFull(similar: similar, dissimilar: dissimilar, progress: progress)
        return try LearnedMetric(metric: metric, iterations: iterations)
    }

    /// `g(M) = log(Σ_D √(vᵀMv) + 10⁻⁶)` and its gradient `Σ_D vvᵀ / (2√(vᵀMv)) / Σ_D √(vᵀMv)`
    /// for the rows `v` of `dissimilar` (metric-learn's `_fD`, `_fD1`).
    public static func dissimilarityObjective(metric: Matrix<Double>,
                                              dissimilar: Matrix<Double>) -> (value: Double, gradient: Matrix<Double>) {
        let mapped = dissimilar.multiplied(by: metric)
        var scaled = dissimilar
        var total = 0.0
        for r in 0..<dissimilar.rows {
            let distance = zip(mapped.row(r), dissimilar.row(r)).reduce(0) { $0 + $1.0 * $1.1 }.squareRoot()
            total += distance
            for c in 0..<dissimilar.cols { scaled[r, c] *= 0.5 / (distance + 1e-6) }
        }
        var gradient = Matrix<Double>(rows: metric.rows, cols: metric.cols)
        Matrix.gemm(scaled, transposeA: true, dissimilar, alpha: 1 / (total + 1e-6), into: &gradient)
        return (log(total + 1e-6), gradient)
    }

    private func fitFull(similar: Matrix<Double>, dissimilar: Matrix<Double>,
                         progress: (MahalanobisIteration) throws -> Void) throws -> (Matrix<Double>, Int) {
        let d = similar.cols
        let constraint = similar.multiplied(by: similar, transposingSelf: true)
        var metric = Matrix<Double>.identity(d)
        let bound = constraint.frobeniusInner(metric) / 100
        let constraintNorm = constraint.frobeniusNorm
        var accepted = metric
        var acceptedValue = Self.dissimilarityObjective(metric: accepted, dissimilar: dissimilar).value
        var direction = Self.ascentDirection(Self.dissimilarityObjective(metric: metric, dissimilar: dissimilar).gradient,
                                             orthogonalTo: constraint)
        var step = 0.1
        var cycle = 0
        while cycle < maxIterations {
            cycle += 1
            var satisfied = false
            for _ in 0..<maxProjections {
                let excess = constraint.frobeniusInner(metric) - bound
                if excess > 0 {
                    for index in metric.storage.indices {
                        metric.storage[index] -= excess / constraintNorm * constraint.storage[index] / constraintNorm
                    }
                }
                metric = try metric.projectedOntoPSDCone()
                if (constraint.frobeniusInner(metric) - bound) / bound < 0.01 { satisfied = true; break }
            }
            let evaluation = Self.dissimilarityObjective(metric: metric, dissimilar: dissimilar)
            if satisfied && (evaluation.value > acceptedValue || cycle == 1) {
                step *= 1.05
                (accepted, acceptedValue) = (metric, evaluation.value)
                direction = Self.ascentDirection(evaluation.gradient, orthogonalTo: constraint)
            } else {
                step /= 2
            }
            for index in metric.storage.indices { metric.storage[index] = accepted.storage[index] + step * direction.storage[index] }
            try progress(MahalanobisIteration(index: cycle, objective: acceptedValue))
            if step / accepted.frobeniusNorm < tolerance { break }
        }
        return (accepted, cycle)
    }

    /// `∇g` minus its component along `W`, scaled to unit Frobenius norm.
    private static func ascentDirection(_ gradient: Matrix<Double>, orthogonalTo constraint: Matrix<Double>) -> Matrix<Double> {
        let constraintNorm = constraint.frobeniusNorm
        let along = gradient.frobeniusInner(constraint) / constraintNorm
        var direction = gradient
        for index in direction.storage.indices { direction.storage[index] -= along * constraint.storage[index] / constraintNorm }
        let norm = direction.frobeniusNorm
        for index in direction.storage.indices { direction.storage[index] /= norm }
        return direction
    }
}
