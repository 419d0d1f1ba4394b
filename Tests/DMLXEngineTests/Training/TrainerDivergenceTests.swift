import DMLXCore
import DMLXEngine
import Foundation
import Testing

/// `PositiveCosineLoss` for its first `goodEvaluations` batches, then either a NaN loss or
/// (with `infiniteGradient`) a finite loss whose gradient is infinite, so that the weights
/// become non-finite only after the optimizer's step.
final class EventuallyDivergingLoss: MetricLoss {
    let name = "eventually-diverging"
    let parameters: [Parameter] = []
    let goodEvaluations: Int
    let infiniteGradient: Bool
    private let good = PositiveCosineLoss()
    private var evaluations = 0

    init(goodEvaluations: Int, infiniteGradient: Bool) {
        self.goodEvaluations = goodEvaluations
        self.infiniteGradient = infiniteGradient
    }

    func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?,
                  parameterValues: [Matrix<Double>]) -> LossEvaluation {
        evaluations += 1
        var evaluation = good.evaluate(embeddings: embeddings, labels: labels, tuples: tuples, parameterValues: parameterValues)
        guard evaluations > goodEvaluations else { return evaluation }
        if infiniteGradient {
            evaluation.gradient.storage = evaluation.gradient.storage.map { _ in .infinity }
        } else {
            evaluation.value = .nan
        }
        return evaluation
    }
}

@Suite struct TrainerDivergenceTests {
    /// Iris's 75 training samples in batches of 16: 4 batches an epoch.
    func trainer(infiniteGradient: Bool) throws -> Trainer {
        let configuration = TrainingConfiguration(
            data: "iris", model: ModelConfiguration(kind: .mlp, hidden: [8], dimension: 4),
            loss: LossConfiguration(name: "proxy-nca"), epochs: 5, batchSize: 16, mPerClass: 4,
            optimizer: OptimizerConfiguration(kind: .sgd, learningRate: 0.1))
        return try Trainer(configuration, data: PreparedData(configuration),
                           customLoss: EventuallyDivergingLoss(goodEvaluations: 6, infiniteGradient: infiniteGradient))
    }

    /// Epoch 2 diverges at its third batch, after two good steps: the weights and the
    /// optimizer's momentum go back to those of epoch 1, the epoch count and history stay,
    /// and the error says where it happened.
    @Test(arguments: [false, true])
    func aDivergedEpochGoesBackToTheLastGoodEpoch(infiniteGradient: Bool) throws {
        let trainer = try trainer(infiniteGradient: infiniteGradient)
        _ = trainer.evaluateInitialModel()
        _ = try trainer.trainEpoch()
        let weights = trainer.parameters.map(\.value), state = trainer.optimizer.state
        #expect(state.step == 4 && !state.slots.isEmpty)
        #expect {
            _ = try trainer.trainEpoch()
        } throws: { error in
            guard case TrainingError.diverged(let message) = error else { return false }
            return message.contains(infiniteGradient ? "weights became infinite or NaN" : "loss became nan")
                && message.contains("epoch 2, batch 3") && message.contains("weights of epoch 1 are kept")
        }
        #expect(trainer.epoch == 1 && trainer.history.count == 2)
        #expect(trainer.parameters.map(\.value) == weights)
        #expect(trainer.optimizer.state == state)
    }

    /// Watched, the run pauses with the message and keeps its epochs; headless, it fails.
    @Test func aWatchedRunPausesOnDivergenceAndAHeadlessOneFails() throws {
        let watched = TrainingRun(trainer: try trainer(infiniteGradient: false))
        watched.start()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, [.waiting, .running].contains(watched.status) { Thread.sleep(forTimeInterval: 0.005) }
        guard case .diverged(let message) = watched.status else {
            Issue.record("status \(watched.status), not diverged")
            return
        }
        #expect(message.contains("loss became nan"))
        #expect(watched.snapshots.map(\.epoch) == [0, 1])
        watched.stop()
        watched.waitUntilDone()

        let headless = TrainingRun(trainer: try trainer(infiniteGradient: false), pausesOnDivergence: false)
        headless.start()
        headless.waitUntilDone()
        guard case .failed(let failure) = headless.status else {
            Issue.record("status \(headless.status), not failed")
            return
        }
        #expect(failure.contains("loss became nan"))
    }
}
