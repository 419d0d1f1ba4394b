import DMLXCore
import DMLXEngine
import DMLXTestSupport
import Foundation
import Synchronization
import Testing

/// dmlx's own runs recorded in the run-directory format: payloads read back bit for bit by the one
/// reader, none of their payloads left in memory, and followed by `dmlx watch`.
@Suite struct RunRecorderTests {
    func configuration(epochs: Int) -> TrainingConfiguration {
        TrainingConfiguration(data: "iris", model: ModelConfiguration(kind: .mlp, hidden: [8], dimension: 4),
                              loss: LossConfiguration(name: "proxy-nca"), epochs: epochs, batchSize: 16, mPerClass: 4)
    }

    /// Whether JSON numbers read back as written, but for Foundation's parser on Linux,
    /// which can miss the last bit.
    func close(_ read: [Double?], _ written: [Double?]) -> Bool {
        read.count == written.count && zip(read, written).allSatisfy { read, written in
            guard let read, let written else { return read == nil && written == nil }
            return abs(read - written) <= 4 * written.ulp
        }
    }

    /// Polls `until` every 20 ms for up to 10 s.
    func eventually(_ until: () -> Bool) -> Bool {
        for _ in 0..<500 where !until() { Thread.sleep(forTimeInterval: 0.02) }
        return until()
    }

    /// A run of `epochs` recorded in `directory`, trained to the end, and its snapshots as
    /// its observer saw them (whole, payloads included).
    func recordedRun(in directory: URL, epochs: Int) throws -> (run: TrainingRun, whole: [EpochSnapshot], labels: [Int]) {
        let configuration = configuration(epochs: epochs)
        let trainer = try Trainer(configuration, data: PreparedData(configuration))
        let whole = Mutex<[EpochSnapshot]>([])
        let run = TrainingRun(trainer: trainer, history: try .recorded(in: directory, for: trainer)) { snapshot in
            whole.withLock { $0.append(snapshot) }
        }
        run.start()
        run.waitUntilDone()
        return (run, whole.withLock { $0 }, trainer.data.split.test.labels)
    }

    @Test func payloadsReadBackBitForBitAndMemoryKeepsNoneOfThem() throws {
        let scratch = try ScratchDirectory()
        let (run, whole, labels) = try recordedRun(in: scratch.url, epochs: 6)
        #expect(run.status == .finished)
        #expect(run.snapshots.map(\.epoch) == Array(0...6) && whole.map(\.epoch) == Array(0...6))
        #expect(run.snapshots.allSatisfy { $0.embeddings == nil && $0.proxies == nil && $0.recordedIn != nil })
        #expect(run.snapshots.allSatisfy { $0.projection != nil && $0.proxyLabels == [0, 1, 2] }, "the small parts stay")
        for (light, original) in zip(run.snapshots, whole) {
            let payload = try light.loadingPayload()
            #expect(payload.embeddings != nil && payload.embeddings == original.embeddings)
            #expect(payload.proxies != nil && payload.proxies == original.proxies)
            #expect(light.metrics == original.metrics && light.loss == original.loss && light.batchLosses == original.batchLosses)
        }
        var recorded = try RecordedRun(directory: scratch.url.appendingPathComponent(run.name))
        #expect(recorded.refresh().isEmpty)
        #expect(recorded.epochs == Array(0...6) && recorded.isClosed && recorded.closing?.error == nil)
        #expect(recorded.batches.count == whole.map(\.batchLosses.count).reduce(0, +))
        for original in whole {
            let epoch = try recorded.loadEpoch(original.epoch)
            #expect(epoch.epoch == original.epoch && epoch.labels == labels && epoch.proxyLabels == original.proxyLabels)
            #expect(close([epoch.loss], [original.loss]) && epoch.statistics.keys == original.statistics.keys)
            #expect(close(original.statistics.keys.sorted().map { epoch.statistics[$0] }, original.statistics.keys.sorted().map { original.statistics[$0] }))
            #expect(close(recorded.batches(ofEpoch: original.epoch).map(\.loss), original.batchLosses))
            #expect(abs(epoch.time - recorded.created - original.cumulativeTrainSeconds) < 1e-6)
        }
    }

    @Test func dmlxWatchFollowsARunRecordedHere() throws {
        let scratch = try ScratchDirectory()
        let (run, whole, _) = try recordedRun(in: scratch.url, epochs: 3)
        let follower = RunDirectoryFollower(directory: scratch.url, pollSeconds: 0.02)
        follower.start()
        defer { follower.stop() }
        var runs: [any RunSource] = []
        #expect(eventually {
            runs += follower.newRuns()
            return runs.first?.snapshots.count == 4 && runs.first?.status == .finished
        })
        let watched = try #require(runs.first)
        #expect(watched.name == run.name)
        #expect(close(watched.snapshots.map(\.loss), whole.map(\.loss)))
        #expect(watched.snapshots.map(\.metrics) == whole.map(\.metrics))
        #expect(try watched.snapshots.map { try $0.loadingPayload().embeddings } == whole.map(\.embeddings))
        #expect(zip(watched.snapshots, whole).allSatisfy { abs($0.trainSeconds - $1.trainSeconds) < 1e-6 })
    }

    @Test func aDirectoryHoldsARunOfEachNameOnce() throws {
        let scratch = try ScratchDirectory()
        _ = try RunRecorder(directory: scratch.url, name: "triplet", configuration: "{}", labels: [0, 1])
        do {
            _ = try RunRecorder(directory: scratch.url, name: "triplet", configuration: "{}", labels: [0, 1])
            Issue.record("a second run of one name was recorded over the first")
        } catch {
            #expect("\(error)".contains("triplet/run.json") && "\(error)".contains("recorded before"), "\(error)")
        }
    }

    /// A run whose epoch cannot be written fails saying so, and keeps that epoch whole.
    @Test func anEpochThatCannotBeWrittenFailsTheRun() throws {
        let scratch = try ScratchDirectory()
        let configuration = configuration(epochs: 3)
        let trainer = try Trainer(configuration, data: PreparedData(configuration))
        let history = try TrainingRun.History.recorded(in: scratch.url, for: trainer)
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent("\(configuration.runName)/epochs"))
        let run = TrainingRun(trainer: trainer, history: history)
        run.start()
        run.waitUntilDone()
        guard case .failed(let message) = run.status else {
            Issue.record("status \(run.status)")
            return
        }
        #expect(message.contains("cannot record epoch 0") && message.contains("epochs"), "\(message)")
        #expect(run.snapshots.count == 1 && run.snapshots[0].embeddings != nil && run.snapshots[0].recordedIn == nil)
    }
}
