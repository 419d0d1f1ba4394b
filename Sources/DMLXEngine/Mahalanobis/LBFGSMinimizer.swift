/// Limited-memory BFGS (Nocedal 1980; Liu & Nocedal 1989) for smooth unconstrained
/// minimisation, with the stopping rules of SciPy's `L-BFGS-B` defaults so that a learner
/// ported from metric-learn stops where it does: memory 10, at most `maxIterations`
/// iterations, stop when `max|gᵢ| ≤ gradientTolerance` (1e-5) or when the relative
/// decrease `(f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ relativeTolerance` (2.2e-9,
/// SciPy's `factr·ε`).
///
/// Line search: backtracking (halving) from the unit step — `1/‖g‖` on the first
/// iteration, where there is no curvature yet — until the Armijo condition with
/// `c₁ = 1e-4` holds. A pair `(s, y)` with `sᵀy ≤ 1e-10·‖s‖‖y‖` is not stored, which keeps
/// the implicit Hessian positive definite.
struct LBFGSMinimizer: Sendable {
    var maxIterations = 100
    var memory = 10
    var gradientTolerance = 1e-5
    var relativeTolerance = 2.220446049250313e-09

    /// Minimises `objective` (value and gradient) from `start`; calls `progress` with the
    /// iteration number and value after each iteration (an error it throws ends the
    /// minimisation). Returns the point and the number of iterations.
    func minimize(from start: [Double], objective: ([Double]) -> (value: Double, gradient: [Double]),
                  progress: (Int, Double) throws -> Void) rethrows -> (point: [Double], iterations: Int) {
        var point = start
        var (value, gradient) = objective(point)
        var steps: [[Double]] = []
        var changes: [[Double]] = []
        var iteration = 0
        while iteration < maxIterations, gradient.map(abs).max() ?? 0 > gradientTolerance {
            let direction = searchDirection(gradient: gradient, steps: steps, changes: changes)
            let slope = dot(direction, gradient)
            guard slope < 0 else { break }
            var step = steps.isEmpty ? 1 / dot(gradient, gradient).squareRoot() : 1
            var trial: (value: Double, gradient: [Double])
            var candidate: [Double]
            repeat {
                candidate = zip(point, direction).map { $0 + step * $1 }
                trial = objective(candidate)
                step /= 2
            } while !(trial.value <= value + 1e-4 * 2 * step * slope) && step > 1e-20
            iteration += 1
            let s = zip(candidate, point).map { $0 - $1 }
            let y = zip(trial.gradient, gradient).map { $0 - $1 }
            if dot(s, y) > 1e-10 * (dot(s, s) * dot(y, y)).squareRoot() {
                steps.append(s)
                changes.append(y)
                if steps.count > memory { steps.removeFirst(); changes.removeFirst() }
            }
            let decrease = (value - trial.value) / max(abs(value), abs(trial.value), 1)
            (point, value, gradient) = (candidate, trial.value, trial.gradient)
            try progress(iteration, value)
            if decrease <= relativeTolerance { break }
        }
        return (point, iteration)
    }

    /// The two-loop recursion: `−H·g` for the inverse-Hessian estimate `H` of the stored
    /// pairs, scaled initially by `sᵀy / yᵀy` of the newest pair.
    private func searchDirection(gradient: [Double], steps: [[Double]], changes: [[Double]]) -> [Double] {
        var q = gradient
        var alphas = [Double](repeating: 0, count: steps.count)
        for index in steps.indices.reversed() {
            alphas[index] = dot(steps[index], q) / dot(changes[index], steps[index])
            for j in q.indices { q[j] -= alphas[index] * changes[index][j] }
        }
        if let s = steps.last, let y = changes.last {
            let scale = dot(s, y) / dot(y, y)
            for j in q.indices { q[j] *= scale }
        }
        for index in steps.indices {
            let beta = dot(changes[index], q) / dot(changes[index], steps[index])
            for j in q.indices { q[j] += (alphas[index] - beta) * steps[index][j] }
        }
        return q.map { -$0 }
    }

    private func dot(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
