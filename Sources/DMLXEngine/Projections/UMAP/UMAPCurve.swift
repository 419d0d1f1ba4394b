import Foundation

/// UMAP's low-dimensional similarity `1 / (1 + a·d^{2b})`, with `a` and `b` fitted, as
/// umap-learn's `find_ab_params` fits them with SciPy's `curve_fit`, to
/// `1` for `d < min_dist` and `exp(−(d − min_dist) / spread)` beyond, by least squares
/// on 300 equispaced `d` in `[0, 3·spread]`. Here the fit is Levenberg–Marquardt from
/// (1, 1) with the analytic Jacobian, run to convergence in Double, so it reaches the
/// same minimiser (`min_dist` 0.1: a ≈ 1.577, b ≈ 0.895).
public struct UMAPCurve: Sendable, Equatable {
    public let a: Double
    public let b: Double

    public init(a: Double, b: Double) {
        self.a = a
        self.b = b
    }

    public init(spread: Double, minimumDistance: Double) {
        let xs = (0..<300).map { 3 * spread * Double($0) / 299 }
        let targets = xs.map { $0 < minimumDistance ? 1 : exp(-($0 - minimumDistance) / spread) }
        var (a, b) = (1.0, 1.0)
        var damping = 1e-3
        var cost = Self.cost(a, b, xs, targets)
        for _ in 0..<500 {
            // Normal equations (JᵀJ + λ diag(JᵀJ)) δ = −Jᵀr for the two parameters.
            var (jaa, jab, jbb, ga, gb) = (0.0, 0.0, 0.0, 0.0, 0.0)
            for (x, y) in zip(xs, targets) where x > 0 {
                let power = pow(x, 2 * b)
                let value = 1 / (1 + a * power)
                let (da, db) = (-power * value * value, -a * power * 2 * log(x) * value * value)
                let residual = value - y
                (jaa, jab, jbb) = (jaa + da * da, jab + da * db, jbb + db * db)
                (ga, gb) = (ga + da * residual, gb + db * residual)
            }
            let (maa, mbb) = (jaa * (1 + damping), jbb * (1 + damping))
            let determinant = maa * mbb - jab * jab
            let (stepA, stepB) = (-(mbb * ga - jab * gb) / determinant, -(maa * gb - jab * ga) / determinant)
            let trial = Self.cost(a + stepA, b + stepB, xs, targets)
            if trial < cost {
                let improvement = cost - trial
                (a, b, cost) = (a + stepA, b + stepB, trial)
                damping /= 10
                if improvement <= 1e-15 * cost && abs(stepA) <= 1e-12 * abs(a) && abs(stepB) <= 1e-12 * abs(b) { break }
            } else {
                damping *= 10
                if damping > 1e12 { break }
            }
        }
        self.a = a
        self.b = b
    }

    /// Half the sum of squared residuals.
    private static func cost(_ a: Double, _ b: Double, _ xs: [Double], _ targets: [Double]) -> Double {
        zip(xs, targets).reduce(0.0) { total, point in
            let residual = 1 / (1 + a * pow(point.0, 2 * b)) - point.1
            return total + residual * residual / 2
        }
    }
}
