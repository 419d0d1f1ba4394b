import Foundation

/// Student's t distribution with `degreesOfFreedom` ν > 0: its distribution function and
/// its quantile, for the confidence intervals of results over seeds (`SampleSummary`).
///
/// F(t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0 and 1 − F(−t) below, where I_x(a, b) is the
/// regularised incomplete beta function (`regularizedIncompleteBeta`). The quantile inverts
/// F by bisection to Double's precision: F is strictly increasing, so bisection cannot
/// fail to converge, unlike a Newton step started far out in a heavy tail (ν = 1).
public struct StudentT: Sendable {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "Student's t needs positive degrees of freedom")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(T ≤ t).
    public func cumulativeProbability(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        let tail = 0.5 * Self.regularizedIncompleteBeta(x: nu / (nu + t * t), a: nu / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The t with P(T ≤ t) = p, for p in (0, 1); e.g. quantile(0.975) with ν = 4 is 2.776.
    public func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "a quantile needs a probability strictly between 0 and 1")
        if p < 0.5 { return -quantile(1 - p) }
        var lower = 0.0
        var upper = 1.0
        while cumulativeProbability(upper) < p { (lower, upper) = (upper, 2 * upper) }
        for _ in 0..<200 {
            let middle = (lower + upper) / 2
            if middle == lower || middle == upper { break }
            if cumulativeProbability(middle) < p { lower = middle } else { upper = middle }
        }
        return (lower + upper) / 2
    }

    /// I_x(a, b) = B(x; a, b) / B(a, b) for x in [0, 1], a, b > 0, by the continued fraction
    /// of Numerical Recipes (§6.4, modified Lentz), evaluated where it converges fast
    /// (x < (a+1)/(a+b+2)) and through I_x(a, b) = 1 − I_{1−x}(b, a) elsewhere.
    public static func regularizedIncompleteBeta(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logPowers - logBeta
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * betaContinuedFraction(x: 1 - x, a: b, b: a) / b
    }

    private static func betaContinuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        func guarded(_ value: Double) -> Double { abs(value) < tiny ? tiny : value }
        var c = 1.0
        var d = 1 / guarded(1 - (a + b) * x / (a + 1))
        var result = d
        for m in 1...10_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 / guarded(1 + even * d)
            c = guarded(1 + even / c)
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 / guarded(1 + odd * d)
            c = guarded(1 + odd / c)
            let step = d * c
            result *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return result
    }
}
