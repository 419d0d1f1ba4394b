import DMLXCore
import DMLXEngine
import Foundation
import Testing

@Suite struct TrainingRunTests {
    func configuration(epochs: Int = 5) -> TrainingConfiguration {
        TrainingConfiguration(data: "iris", model: ModelConfiguration(kind: .mlp, hidden: [8], dimension: 4),
                              loss: LossConfiguration(name: "proxy-nca"), epochs: epochs, batchSize: 16, mPerClass: 4)
    }

    /// Polls (the run never blocks its readers) until `condition` holds, for at most 20 s.
    func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return condition()
    }

    @Test func pausedRunStepsOneEpochAtATimeAndTakesANewLearningRate() throws {
        let configuration = configuration()
        let run = TrainingRun(trainer: try Trainer(configuration, data: PreparedData(configuration)))
        run.start(paused: true)
        #expect(eventually { run.status == .paused && run.snapshots.count == 1 })
        #expect(run.snapshots[0].epoch == 0 && run.snapshots[0].loss == nil)
        run.step()
        #expect(eventually { run.snapshots.count == 2 && run.status == .paused })
        run.setLearningRates(model: 0.05, proxies: 0.5)
        run.step()
        #expect(eventually { run.snapshots.count == 3 && run.status == .paused })
        #expect(run.snapshots.map(\.epoch) == [0, 1, 2])
        #expect(run.snapshots[1].learningRate == 0.001)
        #expect(run.snapshots[2].learningRate == 0.05)
        run.stop()
        run.waitUntilDone()
        #expect(run.status == .stopped)
    }

    @Test func runTrainsToItsEpochsAndMatchesTheTrainerDrivenDirectly() throws {
        let configuration = configuration(epochs: 3)
        let data = try PreparedData(configuration)
        let run = TrainingRun(trainer: try Trainer(configuration, data: data))
        run.start()
        run.waitUntilDone()
        #expect(run.status == .finished)
        let direct = try Trainer(configuration, data: data)
        var expected = [direct.evaluateInitialModel()]
        while direct.epoch < 3 { expected.append(try #require(try direct.trainEpoch())) }
        #expect(run.snapshots.map(\.loss) == expected.map(\.loss))
        #expect(run.snapshots.map(\.metrics) == expected.map(\.metrics))
    }

    /// Headless runs keep only the newest epoch's embeddings, proxies and projection;
    /// every epoch's scalars stay.
    @Test func aHeadlessRunKeepsOnlyTheNewestEpochsPayloads() throws {
        let configuration = configuration(epochs: 4)
        let headless = TrainingRun(trainer: try Trainer(configuration, data: PreparedData(configuration)), history: .newestOnly)
        let watched = TrainingRun(trainer: try Trainer(configuration, data: PreparedData(configuration)))
        for run in [headless, watched] {
            run.start()
            run.waitUntilDone()
        }
        #expect(headless.snapshots.map(\.epoch) == [0, 1, 2, 3, 4])
        #expect(headless.snapshots.map { $0.embeddings != nil } == [false, false, false, false, true])
        #expect(headless.snapshots.map { $0.proxies != nil || $0.projection != nil } == [false, false, false, false, true])
        #expect(watched.snapshots.allSatisfy { $0.embeddings != nil && $0.projection != nil })
        #expect(headless.snapshots.map(\.metrics) == watched.snapshots.map(\.metrics))
    }

    @Test func aFinishedRunCanStepFurther() throws {
        let configuration = configuration(epochs: 1)
        let run = TrainingRun(trainer: try Trainer(configuration, data: PreparedData(configuration)))
        run.start()
        run.waitUntilDone()
        #expect(run.status == .finished)
        run.step()
        #expect(eventually { run.snapshots.count == 3 })
        run.waitUntilDone()
        #expect(run.status == .finished)
        #expect(run.snapshots.last?.epoch == 2)
    }

    @Test func snapshotsCarryTheScatterPayloads() throws {
        let configuration = configuration(epochs: 1)
        let run = TrainingRun(trainer: try Trainer(configuration, data: PreparedData(configuration)))
        run.start()
        run.waitUntilDone()
        let last = try #require(run.latest)
        let embeddings = try #require(last.embeddings)
        #expect(embeddings.rows == 75 && embeddings.cols == 4)
        #expect(last.projection?.aligned.project(embeddings).cols == 2)
        #expect(last.proxies?.rows == 3 && last.proxyLabels == [0, 1, 2])
    }
}
