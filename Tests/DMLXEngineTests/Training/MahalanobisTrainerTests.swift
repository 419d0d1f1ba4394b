import DMLXCore
import DMLXEngine
import Foundation
import Testing

/// A classic learner as a run: epoch 0 is the identity, epoch 1 the fit, with the fit's
/// objective curve, its metric summary, stopping midway, checkpoints and `TrainingRun`.
@Suite struct MahalanobisTrainerTests {
    static func configuration(_ method: String = "lmnn", data: String = "iris") -> TrainingConfiguration {
        TrainingConfiguration(data: data, loss: LossConfiguration(name: "none"),
                              method: MahalanobisConfiguration(name: method, maxIterations: 60), epochs: 1)
    }

    @Test func epochZeroIsTheIdentityAndEpochOneTheLearnersFit() throws {
        let configuration = Self.configuration()
        let data = try PreparedData(configuration)
        let trainer = try MahalanobisTrainer(configuration, data: data)
        let initial = trainer.evaluateInitialModel()
        #expect(initial.epoch == 0 && initial.loss == nil && initial.batchLosses.isEmpty)
        #expect(initial.embeddings == data.split.test.features)
        #expect(initial.metrics == MetricSuite.evaluate(embeddings: data.split.test.features, labels: data.split.test.labels, seed: 0, threads: 1))
        #expect(initial.mahalanobis?.eigenvalues == [1, 1, 1, 1])

        var iterations: [MahalanobisIteration] = []
        let expected = try LMNN(maxIterations: 60).fit(features: data.split.train.features, labels: data.split.train.labels) { iterations.append($0) }
        let fitted = try #require(try trainer.trainEpoch())
        #expect(fitted.epoch == 1 && trainer.epoch == 1)
        #expect(trainer.learned == expected)
        #expect(fitted.embeddings == expected.embed(data.split.test.features))
        #expect(fitted.batchLosses == iterations.map(\.objective))
        #expect(fitted.loss == iterations.last?.objective)
        #expect(fitted.mahalanobis?.activeConstraints == iterations.compactMap(\.activeConstraints))
        #expect(fitted.statistics["iterations"] == Double(expected.iterations))
        #expect(trainer.history.map(\.epoch) == [0, 1])
        #expect(try trainer.trainEpoch() == nil, "a classic run has one epoch")
    }

    @Test func summaryHoldsTheMetricItsSpectrumAndTheTopTwoDirectionsOfL() throws {
        let components = Matrix<Float>([[2, 0, 0], [0, 0, 3]])
        let learned = LearnedMetric(components: components, iterations: 1)
        let features = Matrix<Float>([[1, 5, 1], [0, 7, 2], [2, 1, 0], [1, 1, 1]])
        let embeddings = learned.embed(features)
        let summary = try MahalanobisSummary(learned, embeddings: embeddings, activeConstraints: [3, 1])
        #expect(summary.metric == Matrix<Float>([[4, 0, 0], [0, 0, 0], [0, 0, 9]]))
        #expect(summary.eigenvalues == [9, 4, 0])
        #expect(summary.colourScale == 4, "the 99th percentile of |M_ij|, below the dominant 9")
        // σ₁v₁ᵀx = 3·x₃ and σ₂v₂ᵀx = 2·x₁, centred on the embeddings' mean.
        let projected = summary.axes.project(embeddings)
        for row in 0..<features.rows {
            #expect(abs(projected[row, 0] - (3 * features[row, 2] - 3)) < 1e-5)
            #expect(abs(projected[row, 1] - (2 * features[row, 0] - 2)) < 1e-5)
        }
    }

    @Test func aStoppedFitRecordsNothingAndCanStillRun() throws {
        let configuration = Self.configuration("nca")
        let trainer = try MahalanobisTrainer(configuration, data: PreparedData(configuration))
        _ = trainer.evaluateInitialModel()
        var asked = 0
        #expect(try trainer.trainEpoch { asked += 1; return asked < 3 } == nil)
        #expect(asked == 3 && trainer.epoch == 0 && trainer.learned == nil && trainer.history.count == 1)
        #expect(try trainer.trainEpoch() != nil)
    }

    /// `L`, FARM's feature weights and a kernel map all come back from a checkpoint.
    @Test(arguments: ["itml", "farm", "kernel-lda"])
    func checkpointRestoresTheFittedMetric(method: String) throws {
        let configuration = Self.configuration(method)
        let trainer = try configuration.makeTrainer(data: PreparedData(configuration))
        _ = trainer.evaluateInitialModel()
        _ = try trainer.trainEpoch()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dmlx-classic-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try trainer.checkpoint.write(to: file)
        let restored = try Checkpoint.read(from: file).resumedTrainer(file: file.path)
        let features = trainer.data.split.test.features
        #expect(restored is MahalanobisTrainer && restored.epoch == 1)
        #expect(restored.history == trainer.history)
        #expect(restored.embed(features) == trainer.embed(features))
        #expect((restored as? MahalanobisTrainer)?.learned == (trainer as? MahalanobisTrainer)?.learned)
    }

    @Test func summaryShowsFeatureWeightsAndTheKernelSpace() throws {
        for (method, weighted, kernel) in [("farm", true, false), ("kernel-lda", false, true), ("lmnn", false, false)] {
            let configuration = Self.configuration(method)
            let trainer = try MahalanobisTrainer(configuration, data: PreparedData(configuration))
            _ = trainer.evaluateInitialModel()
            let summary = try #require(try trainer.trainEpoch()?.mahalanobis)
            #expect((summary.featureWeights?.count == 4) == weighted, "\(method)")
            #expect(summary.isOverKernelComponents == kernel, "\(method)")
            #expect(summary.metric.rows == trainer.learned?.components.cols, "\(method)")
        }
    }

    @Test func aRunFinishesAfterItsOneEpoch() throws {
        let configuration = Self.configuration("mmc-diagonal")
        let run = TrainingRun(trainer: try configuration.makeTrainer(data: PreparedData(configuration)))
        run.start()
        run.waitUntilDone()
        #expect(run.status == .finished)
        #expect(run.snapshots.map(\.epoch) == [0, 1])
        #expect(run.snapshots.last?.projection?.metricAxes != nil)
    }

    @Test func anUnknownMethodIsRefused() throws {
        let configuration = Self.configuration("nope")
        #expect(throws: LossRegistryError.unknownMethod("nope", valid: MahalanobisRegistry.names)) {
            try MahalanobisTrainer(configuration, data: PreparedData(configuration))
        }
    }
}
