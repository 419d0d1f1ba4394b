import DMLXCore
import DMLXEngine
import DMLXTestSupport
import Testing

@Suite struct LMNNTests {
    private static func problem() -> (data: Matrix<Double>, labels: [Int], components: Matrix<Double>) {
        let (features, labels) = MahalanobisFixtures.noisyClasses(perClass: 6)
        var generator = SeededGenerator(seed: 11)
        let components = Matrix<Double>(rows: 4, cols: 4, storage: (0..<16).map { _ in generator.nextGaussian() * 0.4 })
        return (Matrix<Double>(features), labels, components)
    }

    @Test func gradientMatchesCentralDifferences() {
        let (data, labels, components) = Self.problem()
        let learner = LMNN()
        let targets = LMNN.targetNeighbors(of: data, labels: labels, count: 3)
        let analytic = learner.evaluate(components: components, data: data, labels: labels, targets: targets).gradient
        let numerical = GradientCheck.numerical(at: components) {
            learner.evaluate(components: $0, data: data, labels: labels, targets: targets).value
        }
        #expect(GradientCheck.relativeError(analytic, numerical) < 1e-6)
    }

    @Test func objectiveAndActiveCountMatchANaiveTripletLoop() {
        let (data, labels, components) = Self.problem()
        let targets = LMNN.targetNeighbors(of: data, labels: labels, count: 3)
        let embedded = data.multiplied(by: components, transposingOther: true)
        func distance(_ a: Int, _ b: Int) -> Double {
            (0..<embedded.cols).reduce(0) { $0 + (embedded[a, $1] - embedded[b, $1]) * (embedded[a, $1] - embedded[b, $1]) }
        }
        var pull = 0.0, hinge = 0.0, active = 0
        for i in labels.indices {
            for j in targets[i] {
                pull += distance(i, j)
                for l in labels.indices where labels[l] != labels[i] && 1 + distance(i, j) - distance(i, l) > 0 {
                    hinge += 1 + distance(i, j) - distance(i, l)
                    active += 1
                }
            }
        }
        let result = LMNN(regularization: 0.3).evaluate(components: components, data: data, labels: labels, targets: targets)
        #expect(active > 0 && result.activeConstraints == active)
        #expect(abs(result.value - (0.3 * pull + 0.7 * hinge)) < 1e-9 * result.value)
    }

    @Test func targetNeighboursAreTheNearestSameClassSamples() {
        let data = Matrix<Double>([[0], [1], [3], [10], [0.5], [4]])
        let targets = LMNN.targetNeighbors(of: data, labels: [0, 0, 0, 1, 0, 1], count: 2)
        #expect(targets[0] == [4, 1] && targets[2] == [1, 4] && targets[3] == [5])
    }

    @Test func objectiveDecreasesAndIrisReachesMetricLearnsAccuracy() throws {
        let iris = try MahalanobisFixtures.iris()
        var objectives: [Double] = []
        let metric = try LMNN().fit(features: iris.train, labels: iris.trainLabels) { objectives.append($0.objective) }
        #expect(!objectives.isEmpty && zip(objectives, objectives.dropFirst()).allSatisfy { $1 <= $0 })
        // metric-learn 0.7.0's LMNN() on this split: 44 of 45.
        #expect(MahalanobisFixtures.knnAccuracy(metric, on: iris.test, iris.testLabels,
                                                gallery: iris.train, iris.trainLabels) >= 44.0 / 45)
    }
}
