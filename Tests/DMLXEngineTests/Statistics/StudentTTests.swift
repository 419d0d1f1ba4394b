import Foundation
import Testing
import DMLXEngine

@Suite struct StudentTTests {
    /// t_{0.975, ν} from printed tables (Student's t, two-sided 95 %), to their 3 decimals.
    @Test(arguments: [(1.0, 12.706), (2, 4.303), (3, 3.182), (4, 2.776), (5, 2.571), (9, 2.262), (10, 2.228),
                      (29, 2.045), (30, 2.042), (120, 1.980)])
    func quantileMatchesTables(degreesOfFreedom: Double, expected: Double) {
        let t = StudentT(degreesOfFreedom: degreesOfFreedom).quantile(0.975)
        #expect(abs(t - expected) < 0.0005, "t_{0.975, \(degreesOfFreedom)} = \(t)")
    }

    /// ν = 1 is the Cauchy distribution and ν = 2 has a closed form: exact checks of the
    /// distribution function and of the quantile in both tails.
    @Test func closedForms() {
        let cauchy = StudentT(degreesOfFreedom: 1)
        let two = StudentT(degreesOfFreedom: 2)
        for t in [-30.0, -3, -0.5, 0, 0.7, 2, 50] {
            #expect(abs(cauchy.cumulativeProbability(t) - (0.5 + atan(t) / Double.pi)) < 1e-13)
            #expect(abs(two.cumulativeProbability(t) - (0.5 + t / (2 * (2 + t * t).squareRoot()))) < 1e-13)
        }
        for p in [0.01, 0.2, 0.5, 0.9, 0.999] {
            #expect(abs(cauchy.quantile(p) - tan(Double.pi * (p - 0.5))) < 1e-9 * max(1, abs(tan(Double.pi * (p - 0.5)))))
            #expect(abs(two.quantile(p) - (2 * p - 1) * (2 / (4 * p * (1 - p))).squareRoot()) < 1e-9)
        }
    }

    /// Many degrees of freedom approach the normal distribution: z_{0.975} = 1.959964.
    @Test func largeDegreesOfFreedomApproachTheNormal() {
        #expect(abs(StudentT(degreesOfFreedom: 1e6).quantile(0.975) - 1.959964) < 1e-5)
    }

    /// The incomplete beta against a midpoint-rule integral of the beta density (smooth
    /// densities), and I_x(½, ½) = (2/π)·arcsin √x (the arcsine law) where it is singular.
    @Test func incompleteBetaMatchesIntegration() {
        for x in [0.01, 0.3, 0.5, 0.97] {
            #expect(abs(StudentT.regularizedIncompleteBeta(x: x, a: 0.5, b: 0.5) - 2 / Double.pi * asin(x.squareRoot())) < 1e-12)
        }
        for (a, b, x) in [(2.0, 3.0, 0.4), (5, 1.5, 0.9), (3, 2, 0.15)] {
            let steps = 200_000
            let width = x / Double(steps)
            let integral = (0..<steps).reduce(0.0) { sum, i in
                let u = (Double(i) + 0.5) * width
                return sum + pow(u, a - 1) * pow(1 - u, b - 1) * width
            }
            let beta = exp(lgamma(a) + lgamma(b) - lgamma(a + b))
            #expect(abs(StudentT.regularizedIncompleteBeta(x: x, a: a, b: b) - integral / beta) < 1e-4, "I_\(x)(\(a), \(b))")
        }
    }
}
