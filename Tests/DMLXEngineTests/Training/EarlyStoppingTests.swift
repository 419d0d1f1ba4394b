import DMLXCore
import DMLXEngine
import Foundation
import Synchronization
import Testing

/// The `--patience` rule on scripted validation MAP@R sequences, against a naive
/// restatement, and a trainer that stops by it, keeps its best epoch's weights and resumes
/// from a checkpoint exactly.
@Suite struct EarlyStoppingTests {
    /// Feeds `scores` until the rule stops; returns what `record` said for each epoch fed.
    private func run(_ rule: inout EarlyStopping, _ scores: [Double]) -> [Bool] {
        var improvements: [Bool] = []
        for (epoch, score) in scores.enumerated() where !rule.isStopped {
            improvements.append(rule.record(epoch: epoch, score: score))
        }
        return improvements
    }

    @Test func stopsAfterPatienceEpochsWithoutAStrictGain() {
        // Epoch 3 only ties epoch 1's 0.6: no gain. Epoch 5's 0.9 comes too late.
        var rule = EarlyStopping(patience: 2, lastEpoch: 100)
        #expect(run(&rule, [0.5, 0.6, 0.55, 0.6, 0.58, 0.9]) == [true, true, false, false])
        #expect(rule.bestEpoch == 1 && rule.bestScore == 0.6)
        #expect(rule.stop?.epoch == 3 && rule.stop?.reason == .patience)
        #expect(rule.epochsWithoutImprovement == 2)
    }

    @Test func aGainResetsTheCounterAndTheLastEpochStopsTheRun() {
        var rule = EarlyStopping(patience: 3, lastEpoch: 6)
        #expect(run(&rule, [0.3, 0.2, 0.25, 0.4, 0.1, 0.1, 0.2, 0.9]) == [true, false, false, true, false, false, false])
        #expect(rule.bestEpoch == 3 && rule.stop?.epoch == 6 && rule.stop?.reason == .patience)
        var short = EarlyStopping(patience: 3, lastEpoch: 2)
        #expect(run(&short, [0.3, 0.4, 0.5, 0.6]) == [true, true, true])
        #expect(short.bestEpoch == 2 && short.stop?.epoch == 2 && short.stop?.reason == .epochs)
    }

    /// The untrained model (epoch 0) can stay best: on unseen classes training may only hurt.
    @Test func epochZeroCanBeTheBestAndANaNScoreNeverImproves() {
        var rule = EarlyStopping(patience: 2, lastEpoch: 10)
        #expect(run(&rule, [0.7, .nan, 0.6]) == [true, false, false])
        #expect(rule.bestEpoch == 0 && rule.stop?.epoch == 2)
        var fromNaN = EarlyStopping(patience: 2, lastEpoch: 10)
        #expect(run(&fromNaN, [.nan, 0.1]) == [true, true])
        #expect(fromNaN.bestEpoch == 1)
    }

    /// The rule restated naively: the run stops at the first epoch e with e − (the first
    /// epoch of the highest score up to e) ≥ patience, or at the last epoch. Scores from a
    /// few levels, so ties are common.
    @Test func agreesWithANaiveStatementOnRandomSequences() {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<500 {
            let patience = Int(generator.next() % 4) + 1
            let lastEpoch = Int(generator.next() % 12)
            let scores = (0...lastEpoch).map { _ in Double(generator.next() % 5) / 4 }
            var expectedStop = lastEpoch, expectedBest = 0
            for epoch in scores.indices {
                let best = scores[...epoch].firstIndex(of: scores[...epoch].max()!)!
                if epoch - best >= patience || epoch == lastEpoch {
                    (expectedStop, expectedBest) = (epoch, best)
                    break
                }
            }
            let rule = EarlyStopping(patience: patience, lastEpoch: lastEpoch, replaying: scores)
            #expect(rule.stop?.epoch == expectedStop && rule.bestEpoch == expectedBest, "\(scores), patience \(patience)")
            var stepped = EarlyStopping(patience: patience, lastEpoch: lastEpoch)
            _ = run(&stepped, scores)
            #expect(stepped == rule)
        }
    }

    private static func configuration(epochs: Int = 60, patience: Int = 2) -> TrainingConfiguration {
        TrainingConfiguration(data: "iris", model: ModelConfiguration(kind: .mlp, hidden: [8], dimension: 4),
                              loss: LossConfiguration(name: "proxy-nca"), epochs: epochs, batchSize: 16, mPerClass: 4,
                              optimizer: OptimizerConfiguration(learningRate: 0.01), validation: 0.3, patience: patience)
    }

    /// Trains `trainer` until it has nothing more to do; returns every snapshot.
    private func trainToTheEnd(_ trainer: Trainer) throws -> [EpochSnapshot] {
        var snapshots: [EpochSnapshot] = []
        while let snapshot = try trainer.trainEpoch() { snapshots.append(snapshot) }
        return snapshots
    }

    @Test func aTrainerStopsByTheRuleAndKeepsItsBestEpochsWeights() throws {
        let configuration = Self.configuration()
        let data = try PreparedData(configuration)
        let trainer = try Trainer(configuration, data: data)
        var snapshots = [trainer.evaluateInitialModel()]
        var weights = [trainer.parameters.map(\.value)]
        while let snapshot = try trainer.trainEpoch() {
            snapshots.append(snapshot)
            weights.append(trainer.parameters.map(\.value))
        }
        let scores = snapshots.map { $0.validationMetrics!.mapAtR }
        let rule = try #require(trainer.earlyStopping)
        #expect(rule == EarlyStopping(patience: 2, lastEpoch: 60, replaying: scores))
        let best = try #require(rule.bestEpoch), stop = try #require(rule.stop)
        #expect(stop.epoch == trainer.epoch && trainer.isComplete)
        #expect(stop.reason == .patience && stop.epoch - best == 2, "stopped at \(stop.epoch), best \(best): \(scores)")
        // The weights now are the best epoch's, not the newest's (published before the stop).
        #expect(trainer.parameters.map(\.value) == weights[best])
        #expect(weights[best] != weights[stop.epoch - 1])
        #expect(try trainer.trainEpoch() == nil, "a stopped run trains no further")
        #expect(trainer.history.map(\.validationMetrics) == snapshots.map(\.validationMetrics))
        #expect(trainer.earlyStoppingRecord != nil)
    }

    /// Driven by a `TrainingRun` (as the UI does), a stopped run finishes before its epochs,
    /// and saving it (the UI's `s`) reports the epoch whose model it saved: the best.
    @Test func aRunStoppedByTheRuleFinishesAndSavesItsBestEpoch() throws {
        let configuration = Self.configuration()
        let run = TrainingRun(trainer: try Trainer(configuration, data: PreparedData(configuration)))
        run.start()
        run.waitUntilDone()
        #expect(run.status == .finished)
        let scores = run.snapshots.map { $0.validationMetrics!.mapAtR }
        let rule = EarlyStopping(patience: 2, lastEpoch: 60, replaying: scores)
        #expect(rule.stop?.epoch == run.snapshots.last?.epoch && rule.stop?.reason == .patience)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dmlx-stopped-\(UUID().uuidString).ckpt")
        defer { try? FileManager.default.removeItem(at: file) }
        let saved = Mutex<Result<Int, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        run.save(to: file) { result in
            saved.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        #expect(try saved.withLock { try $0?.get() } == rule.bestEpoch)
        #expect(try Checkpoint.read(from: file).modelEpoch == rule.bestEpoch)
    }

    /// A checkpoint written mid-run (before the rule stops it) and read back continues to
    /// the same stop, history and model as the run left alone.
    @Test func aResumedRunStopsWhereTheUninterruptedOneDoesWithTheSameModel() throws {
        let configuration = Self.configuration(patience: 3)
        let data = try PreparedData(configuration)
        let uninterrupted = try Trainer(configuration, data: data)
        _ = uninterrupted.evaluateInitialModel()
        _ = try trainToTheEnd(uninterrupted)
        let stoppedAt = try #require(uninterrupted.earlyStopping?.stop?.epoch)
        try #require(stoppedAt >= 4, "the run stops too early to be interrupted: \(stoppedAt)")

        let interrupted = try Trainer(configuration, data: data)
        _ = interrupted.evaluateInitialModel()
        while interrupted.epoch < stoppedAt - 1 { _ = try interrupted.trainEpoch() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dmlx-patience-\(UUID().uuidString).ckpt")
        defer { try? FileManager.default.removeItem(at: file) }
        try interrupted.checkpoint.write(to: file)
        let saved = try Checkpoint.read(from: file)
        #expect(saved.earlyStopping?.stoppedAt == nil && saved.earlyStopping?.bestParameters.count == interrupted.parameters.count)
        let resumed = try Trainer(resuming: saved, file: file.path)
        _ = try trainToTheEnd(resumed)

        #expect(resumed.earlyStopping == uninterrupted.earlyStopping)
        #expect(resumed.parameters.map(\.value) == uninterrupted.parameters.map(\.value))
        #expect(resumed.history.map(\.metrics) == uninterrupted.history.map(\.metrics))
        #expect(resumed.history.map(\.validationMetrics) == uninterrupted.history.map(\.validationMetrics))
        #expect(resumed.checkpoint.earlyStopping == uninterrupted.checkpoint.earlyStopping)
        #expect(resumed.checkpoint.modelEpoch == uninterrupted.earlyStopping?.bestEpoch)
    }
}
