import Foundation
import Testing
import DMLXCore
import DMLXEngine

@Suite struct ProcrustesTests {
    typealias Data = ProjectionTestData

    func rotation(_ angle: Double) -> Matrix<Float> {
        Matrix([[Float(cos(angle)), Float(-sin(angle))], [Float(sin(angle)), Float(cos(angle))]])
    }

    func reflection(_ angle: Double) -> Matrix<Float> {
        Matrix([[Float(cos(angle)), Float(sin(angle))], [Float(sin(angle)), Float(-cos(angle))]])
    }

    /// ‖XQ − Y‖²_F by plain loops in Double.
    func misfit(_ x: Matrix<Float>, _ q: Matrix<Float>, _ y: Matrix<Float>) -> Double {
        (0..<x.rows).reduce(0) { sum, r in
            sum + (0..<2).reduce(0) { inner, j in
                let mapped = Double(x[r, 0]) * Double(q[0, j]) + Double(x[r, 1]) * Double(q[1, j])
                return inner + pow(mapped - Double(y[r, j]), 2)
            }
        }
    }

    let source = Matrix<Float>(Data.cloud(rows: 50, scales: [3, 1], offset: 0.5, seed: 11))

    @Test(arguments: [0.7, -2.0, 3.1])
    func recoversAKnownRotation(angle: Double) {
        let q = rotation(angle)
        let found = Procrustes.alignment(from: source, to: source.multiplied(by: q))
        #expect(Data.maxDifference(found, q) < 1e-5)
    }

    @Test(arguments: [1.1, -0.3, .pi])
    func recoversAKnownReflection(angle: Double) {
        let q = reflection(angle)
        let found = Procrustes.alignment(from: source, to: source.multiplied(by: q))
        #expect(Data.maxDifference(found, q) < 1e-5)
    }

    @Test func identicalConfigurationsAndNothingToAlignGiveTheIdentity() {
        let identity = Matrix<Float>([[1, 0], [0, 1]])
        #expect(Procrustes.alignment(from: source, to: source) == identity)
        #expect(Procrustes.alignment(from: Matrix(rows: 50, cols: 2), to: source) == identity)
        #expect(Procrustes.alignment(from: Matrix(rows: 0, cols: 2), to: Matrix(rows: 0, cols: 2)) == identity)
    }

    @Test(arguments: [12, 13, 14, 15] as [UInt64])
    func isOrthogonalAndBeatsEveryScannedRotationAndReflection(seed: UInt64) {
        let target = Matrix<Float>(Data.cloud(rows: 40, scales: [2, 1.5], seed: seed))
        let found = Procrustes.alignment(from: source.rows(Array(0..<40)), to: target)
        let gram = found.multiplied(by: found, transposingSelf: true)
        #expect(Data.maxDifference(gram, Matrix<Float>([[1, 0], [0, 1]])) < 1e-6)
        let best = misfit(source.rows(Array(0..<40)), found, target)
        for step in 0..<3600 {
            let angle = Double(step) * .pi / 1800
            for candidate in [rotation(angle), reflection(angle)] {
                #expect(best <= misfit(source.rows(Array(0..<40)), candidate, target) + 1e-6 * best)
            }
        }
    }
}
