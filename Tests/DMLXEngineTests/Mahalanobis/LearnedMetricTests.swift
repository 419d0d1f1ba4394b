import DMLXCore
import DMLXEngine
import Testing

@Suite struct LearnedMetricTests {
    @Test func embedsByLAndItsMetricIsLTransposeL() {
        let components = Matrix<Float>([[1, 2, 0], [0, -1, 3]])
        let metric = LearnedMetric(components: components, iterations: 0)
        let features = Matrix<Float>([[1, 1, 1], [2, 0, -1]])
        #expect(metric.embed(features) == Matrix<Float>([[3, 2], [2, -3]]))
        #expect(metric.metric == Matrix<Float>([[1, 2, 0], [2, 5, -3], [0, -3, 9]]))
        #expect(metric.inputDimension == 3 && metric.outputDimension == 2)
    }

    @Test func aKernelMapsRawFeaturesBeforeL() throws {
        let (features, _) = MahalanobisFixtures.noisyClasses(perClass: 4)
        let map = try KernelPCA(components: 3).fit(features)
        let metric = LearnedMetric(components: Matrix<Float>([[2, 0, 0], [0, 0, 1]]), iterations: 1, kernel: map)
        #expect(metric.inputDimension == 4 && metric.outputDimension == 2 && metric.featureWeights == nil)
        let mapped = map.apply(features), embedded = metric.embed(features)
        #expect((0..<features.rows).allSatisfy { embedded[$0, 0] == 2 * mapped[$0, 0] && embedded[$0, 1] == mapped[$0, 2] })
        #expect(LearnedMetric(components: metric.components, iterations: 1) != metric)
    }
}
