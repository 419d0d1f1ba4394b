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
}
