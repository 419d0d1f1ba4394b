import DMLXCore
import DMLXEngine
import DMLXTestSupport
import Testing

@Suite struct MMCTests {
    @Test func dissimilarityGradientMatchesCentralDifferences() {
        var generator = SeededGenerator(seed: 4)
        let dissimilar = Matrix<Double>(rows: 6, cols: 3, storage: (0..<18).map { _ in generator.nextGaussian() })
        let metric = Matrix<Double>([[2, 0.3, 0.1], [0.3, 1, 0.2], [0.1, 0.2, 1.5]])
        let analytic = MMC.dissimilarityObjective(metric: metric, dissimilar: dissimilar).gradient
        let numerical = GradientCheck.numerical(at: metric) { MMC.dissimilarityObjective(metric: $0, dissimilar: dissimilar).value }
        #expect(GradientCheck.relativeError(analytic, numerical) < 1e-5)
    }

    @Test func diagonalGradientAndHessianMatchCentralDifferences() {
        var generator = SeededGenerator(seed: 5)
        let squared = Matrix<Double>(rows: 5, cols: 3, storage: (0..<15).map { _ in generator.nextUnit() + 0.1 })
        let sums = [1.5, 0.7, 2.0], weights = [0.8, 1.3, 0.6]
        let evaluation = MMC.diagonalObjective(weights: weights, similarSums: sums, squaredDissimilar: squared, c: 1.5)
        let point = Matrix<Double>(rows: 1, cols: 3, storage: weights)
        let numerical = GradientCheck.numerical(at: point) {
            MMC.diagonalObjective(weights: $0.storage, similarSums: sums, squaredDissimilar: squared, c: 1.5).value
        }
        #expect(GradientCheck.relativeError(Matrix(rows: 1, cols: 3, storage: evaluation.gradient), numerical) < 1e-6)
        for k in 0..<3 {
            let row = GradientCheck.numerical(at: point) {
                MMC.diagonalObjective(weights: $0.storage, similarSums: sums, squaredDissimilar: squared, c: 1.5).gradient[k]
            }
            let analytic = Matrix(rows: 1, cols: 3, storage: (0..<3).map { evaluation.hessian[k, $0] })
            #expect(GradientCheck.relativeError(analytic, row) < 1e-5)
        }
    }

    @Test func fullVersionKeepsTheSimilarityConstraintAndRaisesTheObjective() throws {
        let (features, labels) = MahalanobisFixtures.noisyClasses()
        var objectives: [Double] = []
        let learner = MMC(constraintCount: 30, seed: 1)
        let metric = try learner.fit(features: features, labels: labels) { objectives.append($0.objective) }.metric
        #expect(objectives.count > 1 && zip(objectives, objectives.dropFirst()).allSatisfy { $1 >= $0 })
        let pairs = PairConstraints(labels: labels, count: 30, seed: 1)
        func squaredDistance(_ a: Int, _ b: Int, _ m: (Int, Int) -> Double) -> Double {
            let v = (0..<4).map { Double(features[a, $0] - features[b, $0]) }
            return (0..<4).reduce(0) { sum, r in sum + (0..<4).reduce(0) { $0 + v[r] * m(r, $1) * v[$1] } }
        }
        let learned = pairs.positive.reduce(0) { $0 + squaredDistance($1.0, $1.1) { Double(metric[$0, $1]) } }
        let euclidean = pairs.positive.reduce(0) { $0 + squaredDistance($1.0, $1.1) { $0 == $1 ? 1 : 0 } }
        #expect(learned <= euclidean / 100 * 1.0101)
        #expect((1..<4).allSatisfy { metric[$0, $0] < metric[0, 0] })
    }

    @Test func diagonalVersionDecreasesItsObjectiveAndShrinksNoise() throws {
        let (features, labels) = MahalanobisFixtures.noisyClasses()
        var objectives: [Double] = []
        let metric = try MMC(diagonal: true, constraintCount: 30, seed: 1)
            .fit(features: features, labels: labels) { objectives.append($0.objective) }.metric
        #expect(objectives.count > 1 && zip(objectives, objectives.dropFirst()).allSatisfy { $1 <= $0 })
        #expect((1..<4).allSatisfy { metric[$0, $0] < metric[0, 0] / 10 })
    }

    @Test func irisReachesMetricLearnsAccuracy() throws {
        let iris = try MahalanobisFixtures.iris()
        for learner in [MMC(), MMC(diagonal: true)] {
            let metric = try learner.fit(features: iris.train, labels: iris.trainLabels)
            #expect(MahalanobisFixtures.knnAccuracy(metric, on: iris.test, iris.testLabels,
                                                    gallery: iris.train, iris.trainLabels) >= 0.9)
        }
    }
}
