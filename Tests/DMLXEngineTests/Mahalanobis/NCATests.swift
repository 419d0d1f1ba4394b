import DMLXCore
import DMLXEngine
import DMLXTestSupport
import Foundation
import Testing

@Suite struct NCATests {
    @Test func gradientMatchesCentralDifferences() {
        let (features, labels) = MahalanobisFixtures.noisyClasses(perClass: 4)
        let data = Matrix<Double>(features).rows(Array(0..<12))
        var generator = SeededGenerator(seed: 7)
        let components = Matrix<Double>(rows: 3, cols: 4, storage: (0..<12).map { _ in generator.nextGaussian() * 0.3 })
        let analytic = NCA.negativeObjective(components: components, data: data, labels: Array(labels.prefix(12))).gradient
        let numerical = GradientCheck.numerical(at: components) {
            NCA.negativeObjective(components: $0, data: data, labels: Array(labels.prefix(12))).value
        }
        #expect(GradientCheck.relativeError(analytic, numerical) < 1e-6)
    }

    @Test func objectiveIsMinusTheNaiveSumOfCorrectNeighbourProbabilities() {
        let data = Matrix<Double>([[0, 0], [1, 0], [0, 2], [3, 1]])
        let labels = [0, 0, 1, 1]
        let components = Matrix<Double>([[1, 0.5], [0, 0.7]])
        var expected = 0.0
        for i in 0..<4 {
            let distances = (0..<4).map { j -> Double in
                let dx = data[i, 0] - data[j, 0], dy = data[i, 1] - data[j, 1]
                let a = components[0, 0] * dx + components[0, 1] * dy, b = components[1, 0] * dx + components[1, 1] * dy
                return a * a + b * b
            }
            let weights: [Double] = (0..<4).map { $0 == i ? 0 : exp(-distances[$0]) }
            let correct: Double = (0..<4).filter { labels[$0] == labels[i] }.map { weights[$0] }.reduce(0, +)
            expected += correct / weights.reduce(0, +)
        }
        let value = NCA.negativeObjective(components: components, data: data, labels: labels).value
        #expect(abs(value + expected) < 1e-12)
    }

    @Test func objectiveDecreasesAndNoiseAxesShrink() throws {
        let (features, labels) = MahalanobisFixtures.noisyClasses()
        var objectives: [Double] = []
        let metric = try NCA().fit(features: features, labels: labels) { objectives.append($0.objective) }
        #expect(objectives.count == metric.iterations && metric.iterations > 1)
        #expect(zip(objectives, objectives.dropFirst()).allSatisfy { $1 <= $0 })
        let m = metric.metric
        #expect((1..<4).allSatisfy { m[$0, $0] < m[0, 0] / 10 })
    }

    @Test func irisReachesMetricLearnsAccuracy() throws {
        let iris = try MahalanobisFixtures.iris()
        let metric = try NCA().fit(features: iris.train, labels: iris.trainLabels)
        // metric-learn 0.7.0's NCA() on this split: 45 of 45.
        #expect(MahalanobisFixtures.knnAccuracy(metric, on: iris.test, iris.testLabels,
                                                gallery: iris.train, iris.trainLabels) == 1)
    }

    @Test func refusesASingleClass() {
        #expect(throws: MahalanobisError.tooFewClasses(1)) {
            try NCA().fit(features: Matrix<Float>([[0], [1]]), labels: [4, 4])
        }
    }
}
