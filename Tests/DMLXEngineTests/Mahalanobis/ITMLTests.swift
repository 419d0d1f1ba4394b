import DMLXCore
import DMLXEngine
import Testing

@Suite struct ITMLTests {
    @Test func boundsAreNumPyPercentilesOfAllDistancesAmongPairedPoints() {
        // Distances among 0, 1, 3 (full matrix): 0 0 0 1 1 2 2 3 3; position 0.05·8 = 0.4 → 0 (replaced
        // by 1e-9 as metric-learn does), position 0.95·8 = 7.6 → 3.
        let everything = ITML.bounds(data: Matrix<Double>([[0], [1], [3]]),
                                     pairs: PairConstraints(labels: [0, 0, 1], count: 4, seed: 1))
        #expect(everything.lower == 1e-9 && abs(everything.upper - 3) < 1e-12)
    }

    @Test func pairsHaveTheRightLabelsAndAreDistinct() {
        let labels = [0, 0, 0, 1, 1, 2, 2, 2]
        let pairs = PairConstraints(labels: labels, count: 10, seed: 5)
        #expect(pairs.positive.count == 10 && pairs.negative.count == 10)
        #expect(pairs.positive.allSatisfy { labels[$0.0] == labels[$0.1] && $0.0 != $0.1 })
        #expect(pairs.negative.allSatisfy { labels[$0.0] != labels[$0.1] })
        #expect(Set(pairs.positive.map { "\($0)" }).count == 10)
        #expect(pairs == PairConstraints(labels: labels, count: 10, seed: 5))
        #expect(PairConstraints.defaultCount(labels: labels) == 180)
    }

    @Test func hardConstraintsHoldAfterConvergence() throws {
        let (features, labels) = MahalanobisFixtures.noisyClasses()
        let learner = ITML(gamma: .infinity, tolerance: 1e-7, constraintCount: 15, seed: 2)
        let metric = try learner.fit(features: features, labels: labels).metric
        let pairs = PairConstraints(labels: labels, count: 15, seed: 2)
        let (lower, upper) = ITML.bounds(data: Matrix<Double>(features), pairs: pairs)
        func squaredDistance(_ a: Int, _ b: Int) -> Double {
            let v = (0..<4).map { Double(features[a, $0] - features[b, $0]) }
            return (0..<4).reduce(0) { sum, r in sum + (0..<4).reduce(0) { $0 + v[r] * Double(metric[r, $1]) * v[$1] } }
        }
        #expect(pairs.positive.allSatisfy { squaredDistance($0.0, $0.1) <= upper * 1.001 })
        #expect(pairs.negative.allSatisfy { squaredDistance($0.0, $0.1) >= lower * 0.999 })
    }

    @Test func irisReachesMetricLearnsAccuracy() throws {
        let iris = try MahalanobisFixtures.iris()
        var iterations: [MahalanobisIteration] = []
        let metric = try ITML().fit(features: iris.train, labels: iris.trainLabels) { iterations.append($0) }
        #expect(iterations.count == metric.iterations && iterations.allSatisfy { $0.objective >= 0 })
        #expect(MahalanobisFixtures.knnAccuracy(metric, on: iris.test, iris.testLabels,
                                                gallery: iris.train, iris.trainLabels) >= 0.95)
    }
}
