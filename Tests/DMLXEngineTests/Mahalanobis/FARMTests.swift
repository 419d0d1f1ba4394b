import DMLXCore
import DMLXEngine
import DMLXTestSupport
import Testing

@Suite struct FARMTests {
    private static let weights = [0.8, 1.3, 0.5, 1.1]

    private static func problem() -> (data: Matrix<Double>, triplets: [(anchor: Int, near: Int, far: Int)]) {
        let (features, labels) = MahalanobisFixtures.noisyClasses(perClass: 5)
        return (Matrix<Double>(features), TripletConstraints(labels: labels, count: 40, seed: 4).triplets)
    }

    /// `z_t` under `diag(w) M diag(w)`, by loops over the re-weighted features.
    private static func naiveMargins(_ data: Matrix<Double>, _ triplets: [(anchor: Int, near: Int, far: Int)],
                                     metric: Matrix<Double>, weights: [Double]) -> [Double] {
        var weighted = data
        for r in 0..<data.rows { for c in 0..<data.cols { weighted[r, c] *= weights[c] } }
        return triplets.map {
            MahalanobisFixtures.naiveSquaredDistance(weighted, $0.anchor, $0.far, metric: metric)
                - MahalanobisFixtures.naiveSquaredDistance(weighted, $0.anchor, $0.near, metric: metric)
        }
    }

    /// A metric small enough that the margins fall in all three pieces of the smoothed hinge.
    private static func metric() -> Matrix<Double> {
        let metric = MahalanobisFixtures.randomMetric(4, seed: 12)
        return Matrix(rows: 4, cols: 4, storage: metric.storage.map { $0 * 0.05 })
    }

    @Test func smoothedHingeIsQuadraticBetweenItsLinearAndZeroPieces() {
        #expect(FARM.smoothedHinge(-1) == 1.5 && FARM.smoothedHinge(0) == 0.5 && FARM.smoothedHinge(0.5) == 0.125)
        #expect(FARM.smoothedHinge(1) == 0 && FARM.smoothedHinge(3) == 0)
        #expect(abs(FARM.smoothedHinge(1e-9) - 0.5) < 1e-8 && abs(FARM.smoothedHinge(1 - 1e-5)) < 1e-9)
    }

    @Test func lossGradientsInMetricAndWeightsMatchCentralDifferences() throws {
        let (data, triplets) = Self.problem()
        let metric = Self.metric()
        let margins = Self.naiveMargins(data, triplets, metric: metric, weights: Self.weights)
        try #require(margins.contains { $0 <= 0 } && margins.contains { $0 > 0 && $0 < 1 } && margins.contains { $0 >= 1 })
        let differences = TripletDifferences(data: data, triplets: triplets)
        let analytic = FARM.loss(metric: metric, weights: Self.weights, differences: differences)
        let inMetric = GradientCheck.numerical(at: metric) { FARM.loss(metric: $0, weights: Self.weights, differences: differences).value }
        #expect(GradientCheck.relativeError(analytic.metricGradient, inMetric) < 1e-6)
        let inWeights = GradientCheck.numerical(at: Matrix(rows: 1, cols: 4, storage: Self.weights)) {
            FARM.loss(metric: metric, weights: $0.storage, differences: differences).value
        }
        #expect(GradientCheck.relativeError(Matrix(rows: 1, cols: 4, storage: analytic.weightGradient), inWeights) < 1e-6)
    }

    @Test(arguments: FARM.Regularizer.allCases)
    func objectiveMatchesANaiveLoop(regularizer: FARM.Regularizer) {
        let (data, triplets) = Self.problem()
        let metric = Self.metric()
        let margins = Self.naiveMargins(data, triplets, metric: metric, weights: Self.weights)
        let loss = margins.reduce(0) { sum, z in sum + (z >= 1 ? 0 : z > 0 ? (1 - z) * (1 - z) / 2 : 0.5 - z) } / Double(margins.count)
        let penalty = switch regularizer {
        case .frobenius: metric.storage.reduce(0) { $0 + $1 * $1 } / 2
        case .l1: metric.storage.reduce(0) { $0 + abs($1) }
        case .nuclear: (0..<4).reduce(0) { $0 + metric[$1, $1] }  // the trace: `metric` is positive definite
        }
        let learner = FARM(regularizer: regularizer, metricRegularization: 0.3, sparsity: 0.2)
        let result = learner.objective(metric: metric, weights: Self.weights, differences: TripletDifferences(data: data, triplets: triplets))
        #expect(abs(result.value - (loss + 0.3 * penalty + 0.2 * Self.weights.reduce(0, +))) < 1e-12)
        #expect(result.activeConstraints == margins.count { $0 < 1 })
    }

    @Test func dropsAPureNoiseFeatureAndKeepsTheInformativeOnes() throws {
        // Four classes on a 2×2 grid (3 apart, spread 0.3) in features 0 and 1, so both are
        // needed to tell them apart, and feature 2 pure noise of spread 1.
        var generator = SeededGenerator(seed: 6)
        var rows: [[Float]] = [], labels: [Int] = []
        for label in 0..<4 {
            for _ in 0..<15 {
                rows.append(zip([Float(label % 2) * 3, Float(label / 2) * 3, 0], [0.3, 0.3, 1]).map { $0 + Float(generator.nextGaussian()) * $1 })
                labels.append(label)
            }
        }
        let learned = try FARM().fit(features: Matrix(rows), labels: labels)
        let weights = try #require(learned.featureWeights)
        #expect(weights[0] > 0.1 && weights[1] > 0.1 && weights[2] == 0, "\(weights)")
        #expect((0..<learned.outputDimension).allSatisfy { learned.components[$0, 2] == 0 })
    }

    @Test(arguments: FARM.Regularizer.allCases)
    func objectiveFalls(regularizer: FARM.Regularizer) throws {
        let (features, labels) = MahalanobisFixtures.noisyClasses()
        var objectives: [Double] = []
        _ = try FARM(regularizer: regularizer, maxIterations: 30).fit(features: features, labels: labels) { objectives.append($0.objective) }
        #expect(objectives.count > 1 && objectives.last! < objectives.first!)
        // The Frobenius and nuclear steps are exact proximal steps, so every one decreases F.
        if regularizer != .l1 { #expect(zip(objectives, objectives.dropFirst()).allSatisfy { $1 <= $0 }) }
    }
}
