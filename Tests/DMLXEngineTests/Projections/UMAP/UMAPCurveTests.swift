import Testing
import DMLXEngine

@Suite struct UMAPCurveTests {
    @Test(arguments: UMAPFixture.file.curves.indices)
    func theFitEqualsFindABParams(index: Int) {
        let expected = UMAPFixture.file.curves[index]
        let curve = UMAPCurve(spread: expected.spread, minimumDistance: expected.minimumDistance)
        #expect(abs(curve.a - expected.a) < 1e-4 * expected.a && abs(curve.b - expected.b) < 1e-4 * expected.b,
                "spread \(expected.spread), min_dist \(expected.minimumDistance): \(curve) vs (\(expected.a), \(expected.b))")
    }
}
