import DMLXCore
import DMLXEngine
import Testing

@Suite struct LDATests {
    @Test func axesHaveUnitWithinClassVarianceAndFindTheSeparatingDirection() throws {
        let (features, labels) = MahalanobisFixtures.noisyClasses(perClass: 40)
        let metric = try LDA().fit(features: features, labels: labels)
        #expect(metric.outputDimension == 2 && metric.inputDimension == 4)
        let embedded = metric.embed(features)
        for axis in 0..<2 {
            var squares = 0.0
            for label in 0..<3 {
                let values = labels.indices.filter { labels[$0] == label }.map { Double(embedded[$0, axis]) }
                let mean = values.reduce(0, +) / Double(values.count)
                squares += values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            }
            #expect(abs(squares / Double(labels.count - 3) - 1) < 1e-4)
        }
        // The class means differ along input axis 0 only, so it dominates the first discriminant.
        let first = (0..<4).map { abs(metric.components[0, $0]) }
        #expect((1..<4).allSatisfy { first[$0] < first[0] / 5 })
    }

    @Test func constantFeaturesAreDroppedNotBlownUp() throws {
        let (features, labels) = MahalanobisFixtures.noisyClasses()
        var padded = Matrix<Float>(rows: features.rows, cols: 5)
        for r in 0..<features.rows { for c in 0..<4 { padded[r, c] = features[r, c] } }
        let metric = try LDA().fit(features: padded, labels: labels)
        #expect(metric.components.isFinite && (0..<2).allSatisfy { metric.components[$0, 4] == 0 })
    }

    @Test func irisReachesScikitLearnsAccuracy() throws {
        let iris = try MahalanobisFixtures.iris()
        let metric = try LDA().fit(features: iris.train, labels: iris.trainLabels)
        // scikit-learn's LinearDiscriminantAnalysis on this split: 45 of 45.
        #expect(MahalanobisFixtures.knnAccuracy(metric, on: iris.test, iris.testLabels,
                                                gallery: iris.train, iris.trainLabels) == 1)
    }
}
