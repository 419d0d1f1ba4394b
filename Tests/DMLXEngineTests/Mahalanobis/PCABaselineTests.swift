import DMLXCore
import DMLXEngine
import Testing

@Suite struct PCABaselineTests {
    // Variances (divisor n − 1 = 5): x 20/5 = 4, y 0.5/5 = 0.1; x explains 4/4.1 = 0.9756.
    private static let points = Matrix<Float>([[-3, 0], [-1, 0], [1, 0], [3, 0], [0, 0.5], [0, -0.5]])
    private static let labels = [0, 0, 1, 1, 0, 1]

    @Test func keepsTheFewestAxesExplainingNinetyFivePercent() throws {
        var reported: [Double] = []
        let metric = try PCABaseline().fit(features: Self.points, labels: Self.labels) { reported.append($0.objective) }
        #expect(metric.outputDimension == 1 && abs(abs(metric.components[0, 0]) - 1) < 1e-6 && abs(metric.components[0, 1]) < 1e-6)
        #expect(reported.count == 1 && abs(reported[0] - 4 / 4.1) < 1e-6)
    }

    @Test func anExplicitCountKeepsDistancesWithoutWhitening() throws {
        let metric = try PCABaseline(components: 2).fit(features: Self.points, labels: Self.labels)
        #expect(metric.outputDimension == 2)
        let embedded = metric.embed(Self.points)
        for i in 0..<6 {
            for j in 0..<6 {
                let before = (0..<2).reduce(Float(0)) { $0 + (Self.points[i, $1] - Self.points[j, $1]) * (Self.points[i, $1] - Self.points[j, $1]) }
                let after = (0..<2).reduce(Float(0)) { $0 + (embedded[i, $1] - embedded[j, $1]) * (embedded[i, $1] - embedded[j, $1]) }
                #expect(abs(before - after) < 1e-5)
            }
        }
    }

    @Test func aFlatterSpreadNeedsBothAxes() throws {
        // x variance 2, y variance 0.4: x explains 0.833 only.
        let points = Matrix<Float>([[-2, 0], [-1, 0], [1, 0], [2, 0], [0, 1], [0, -1]])
        #expect(try PCABaseline().fit(features: points, labels: Self.labels).outputDimension == 2)
    }
}
