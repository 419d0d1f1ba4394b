import Foundation
import Testing
import DMLXEngine

@Suite struct PowerTableTests {
    @Test(arguments: [0.7904949732233831, 0.8950608778515733, 1.3341669924314914])
    func theTableMatchesPow(exponent: Double) {
        let table = PowerTable(exponent: Float(exponent))
        var worst = 0.0
        var x: Float = 1e-12
        table.withPower { power in
            while x < 1e12 {
                let exact = pow(Double(x), exponent)
                worst = max(worst, abs(Double(power(x)) - exact) / exact)
                x *= 1.0137
            }
        }
        #expect(worst < 2e-6, "largest relative error \(worst)")
    }
}
