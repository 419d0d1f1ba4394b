import DMLXCore
import DMLXEngine
import Testing

@Suite struct MahalanobisLearnerTests {
    static let learners: [any MahalanobisLearner] = [
        EuclideanBaseline(), LDA(), NCA(), LMNN(), ITML(constraintCount: 20), MMC(constraintCount: 20),
        MMC(diagonal: true, constraintCount: 20), RelativeComparisonLearner(maxIterations: 50, constraintCount: 20),
        FARM(maxIterations: 20, constraintCount: 20), PCABaseline(), KernelizedLearner(base: NCA()),
    ]

    @Test func everyLearnerIsDeterministicAndReportsEachIteration() throws {
        let (features, labels) = MahalanobisFixtures.noisyClasses()
        for learner in Self.learners {
            var reported: [Int] = []
            let first = try learner.fit(features: features, labels: labels) { reported.append($0.index) }
            let second = try learner.fit(features: features, labels: labels)
            #expect(first == second, "\(learner.name)")
            #expect(first.inputDimension == 4 && first.components.isFinite, "\(learner.name)")
            #expect(reported.last ?? 0 == first.iterations, "\(learner.name)")
            #expect(reported == reported.sorted() && Set(reported).count == reported.count, "\(learner.name)")
        }
    }

    @Test func anErrorThrownByProgressEndsEveryFit() {
        struct Stop: Error {}
        let (features, labels) = MahalanobisFixtures.noisyClasses()
        for learner in Self.learners where learner.name != "euclidean" {
            var calls = 0
            #expect(throws: Stop.self, "\(learner.name)") {
                try learner.fit(features: features, labels: labels) { _ in calls += 1; throw Stop() }
            }
            #expect(calls == 1, "\(learner.name)")
        }
    }

    @Test func everyLearnerRefusesBadInput() {
        var features = Matrix<Float>([[0, 1], [1, 0], [2, 2], [3, 1], [0, 0], [1, 1], [2, 0], [3, 3]])
        let labels = [0, 0, 0, 0, 1, 1, 1, 1]
        for learner in Self.learners {
            #expect(throws: MahalanobisError.labelCount(samples: 8, labels: 7)) {
                try learner.fit(features: features, labels: Array(labels.prefix(7)))
            }
        }
        features[2, 1] = .nan
        for learner in Self.learners {
            #expect(throws: MahalanobisError.nonFiniteFeatures) { try learner.fit(features: features, labels: labels) }
        }
        #expect(throws: MahalanobisError.classTooSmall(label: 1, size: 3, needed: 4)) {
            try LMNN().fit(features: Matrix<Float>([[0], [1], [2], [3], [4], [5], [6]]), labels: [0, 0, 0, 0, 1, 1, 1])
        }
    }
}
