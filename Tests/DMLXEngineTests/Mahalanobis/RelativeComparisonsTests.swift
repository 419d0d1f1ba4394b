import DMLXCore
import DMLXEngine
import DMLXTestSupport
import Testing

@Suite struct RelativeComparisonsTests {
    private static func problem() -> (data: Matrix<Double>, labels: [Int], triplets: [(anchor: Int, near: Int, far: Int)]) {
        let (features, labels) = MahalanobisFixtures.noisyClasses(perClass: 5)
        return (Matrix<Double>(features), labels, TripletConstraints(labels: labels, count: 30, seed: 3).triplets)
    }

    private static func margins(_ data: Matrix<Double>, _ triplets: [(anchor: Int, near: Int, far: Int)],
                                metric: Matrix<Double>) -> [Double] {
        triplets.map {
            MahalanobisFixtures.naiveSquaredDistance(data, $0.anchor, $0.far, metric: metric)
                - MahalanobisFixtures.naiveSquaredDistance(data, $0.anchor, $0.near, metric: metric)
        }
    }

    @Test func subgradientMatchesCentralDifferencesAwayFromTheHingeKinks() throws {
        let (data, _, triplets) = Self.problem()
        let metric = MahalanobisFixtures.randomMetric(4, seed: 8)
        let margins = Self.margins(data, triplets, metric: metric)
        try #require(margins.allSatisfy { abs($0 - 1) > 1e-2 } && margins.contains { $0 < 1 } && margins.contains { $0 > 1 })
        let differences = TripletDifferences(data: data, triplets: triplets)
        let analytic = RelativeComparisonLearner.objective(metric: metric, differences: differences, regularization: 0.7).gradient
        let numerical = GradientCheck.numerical(at: metric) {
            RelativeComparisonLearner.objective(metric: $0, differences: differences, regularization: 0.7).value
        }
        #expect(GradientCheck.relativeError(analytic, numerical) < 1e-6)
    }

    @Test func objectiveAndActiveCountMatchANaiveTripletLoop() {
        let (data, _, triplets) = Self.problem()
        let metric = MahalanobisFixtures.randomMetric(4, seed: 9)
        var hinge = 0.0, active = 0
        for margin in Self.margins(data, triplets, metric: metric) where 1 - margin > 0 {
            hinge += 1 - margin
            active += 1
        }
        let squares = metric.storage.reduce(0) { $0 + $1 * $1 }
        let result = RelativeComparisonLearner.objective(metric: metric, differences: TripletDifferences(data: data, triplets: triplets),
                                                         regularization: 0.3)
        #expect(active > 0 && active < triplets.count && result.activeConstraints == active)
        #expect(abs(result.value - (hinge + 0.3 * squares)) < 1e-9 * result.value)
    }

    @Test func everyRelativeConstraintHoldsOnWellSeparatedData() throws {
        // The classes are 2 apart along axis 0 with spread 0.3, while axes 1-3 carry noise of
        // spread 3: separable, but the Euclidean metric gets many comparisons wrong.
        let (features, labels) = MahalanobisFixtures.noisyClasses()
        let data = Matrix<Double>(features)
        let triplets = TripletConstraints(labels: labels, count: 60, seed: 1).triplets
        let learned = try RelativeComparisonLearner(constraintCount: 60, seed: 1).fit(features: features, labels: labels)
        #expect(Self.margins(data, triplets, metric: MahalanobisFixtures.identity(4)).contains { $0 <= 0 })
        #expect(Self.margins(data, triplets, metric: Matrix<Double>(learned.metric)).allSatisfy { $0 > 0 })
    }

    @Test func returnsTheBestIterateAndReportsEveryIteration() throws {
        // The first Pegasos steps overshoot, so after three iterations the last is not the best.
        let (features, labels) = MahalanobisFixtures.noisyClasses()
        var objectives: [Double] = []
        let learner = RelativeComparisonLearner(maxIterations: 3, constraintCount: 60, seed: 2)
        let learned = try learner.fit(features: features, labels: labels) { objectives.append($0.objective) }
        let differences = TripletDifferences(data: Matrix<Double>(features),
                                             triplets: TripletConstraints(labels: labels, count: 60, seed: 2).triplets)
        let start = RelativeComparisonLearner.objective(metric: MahalanobisFixtures.identity(4), differences: differences, regularization: 1).value
        let best = min(start, try #require(objectives.min()))
        try #require(objectives.count == 3 && learned.iterations == 3 && objectives.last! > best * 1.01)
        let final = RelativeComparisonLearner.objective(metric: Matrix<Double>(learned.metric), differences: differences, regularization: 1)
        #expect(abs(final.value - best) < 1e-4 * best)
    }

    @Test func theObjectiveFallsFarBelowItsStart() throws {
        let (features, labels) = MahalanobisFixtures.noisyClasses()
        var objectives: [Double] = []
        _ = try RelativeComparisonLearner(maxIterations: 200, constraintCount: 60, seed: 2)
            .fit(features: features, labels: labels) { objectives.append($0.objective) }
        let differences = TripletDifferences(data: Matrix<Double>(features),
                                             triplets: TripletConstraints(labels: labels, count: 60, seed: 2).triplets)
        let start = RelativeComparisonLearner.objective(metric: MahalanobisFixtures.identity(4), differences: differences, regularization: 1)
        #expect(start.activeConstraints > 0 && objectives.count == 200 && objectives.last! < start.value / 10)
    }
}
