import Foundation
import Testing
import DMLXCore
import DMLXEngine
import DMLXTestSupport

@Suite struct RunWatcherTests {
    static let points = Matrix<Float>([[0, 0], [0, 1], [5, 5], [5, 6]])
    static let labels = [0, 0, 1, 1]

    func epochs(_ events: [RunWatcher.Event]) -> [(String, Int)] {
        events.compactMap { if case .epoch(let run, let epoch, _, _, _) = $0 { return (run, epoch.epoch) } else { return nil } }
    }

    @Test func aRunIsFollowedEpochByEpochUntilItCloses() throws {
        let scratch = try ScratchDirectory()
        var watcher = RunWatcher(directory: scratch.url)
        let writer = try RunDirectoryWriter(directory: scratch.url, name: "triplet", configuration: #"{"lr": 0.01}"#)
        let first = watcher.poll()
        #expect(first.contains { if case .newRun("triplet", #"{"lr":0.01}"#) = $0 { true } else { false } })
        try writer.batch(epoch: 1, loss: 0.5)
        try writer.batch(epoch: 1, loss: 0.3)
        try writer.epoch(1, embeddings: Self.points, labels: Self.labels, proxies: Matrix([[0, 0.5], [5, 5.5]]))
        let second = watcher.poll()
        #expect(epochs(second).map(\.1) == [1])
        guard case .epoch(_, let epoch, let batches, _, _) = try #require(second.first { if case .epoch = $0 { true } else { false } }) else { return }
        #expect(epoch.embeddings == Self.points && epoch.labels == Self.labels && epoch.proxies?.rows == 2)
        #expect(batches.map(\.loss) == [0.5, 0.3] && epoch.statistics == ["active": 3])
        #expect(!watcher.isFinished)
        try writer.epoch(2, embeddings: Self.points, labels: Self.labels)
        try writer.epoch(3, embeddings: Self.points, labels: Self.labels)
        try writer.close()
        let last = watcher.poll()
        #expect(epochs(last).map(\.1) == [2, 3])
        #expect(last.contains { if case .closed("triplet", nil) = $0 { true } else { false } })
        #expect(watcher.isFinished && epochs(watcher.poll()).isEmpty, "every epoch is reported once")
    }

    /// A half-written epoch (its hidden staging directory) and a batch line still being
    /// written are never read; they appear once complete.
    @Test func halfWrittenEpochsAndLinesWaitUntilComplete() throws {
        let scratch = try ScratchDirectory()
        var watcher = RunWatcher(directory: scratch.url)
        let writer = try RunDirectoryWriter(directory: scratch.url, name: "run")
        let staging = try writer.epoch(1, embeddings: Self.points, labels: Self.labels, publish: false)
        try writer.appendBatches(#"{"epoch": 1, "batch": 0, "loss": 0.25, "ti"#)
        #expect(epochs(watcher.poll()).isEmpty && watcher.runs[0].batches.isEmpty)
        try writer.appendBatches(#"me": 1}"# + "\n")
        try FileManager.default.moveItem(at: staging, to: writer.run.appendingPathComponent("epochs/000001"))
        #expect(epochs(watcher.poll()).map(\.1) == [1] && watcher.runs[0].batches.map(\.loss) == [0.25])
    }

    /// Bad files are reported with their names and skipped: the run goes on.
    @Test func corruptEpochsAndLinesAreReportedAndSkipped() throws {
        let scratch = try ScratchDirectory()
        var watcher = RunWatcher(directory: scratch.url)
        let writer = try RunDirectoryWriter(directory: scratch.url, name: "run")
        try writer.appendBatches("not json\n")
        let broken = try writer.epoch(1, embeddings: Self.points, labels: [0, 1, 0])
        try writer.epoch(2, embeddings: Self.points, labels: Self.labels)
        let events = watcher.poll()
        let problems = events.compactMap { if case .problem(let text) = $0 { return text } else { return nil } }
        #expect(problems.contains { $0.contains("batches.jsonl: line 1") }, "\(problems)")
        #expect(problems.contains { $0.contains(broken.appendingPathComponent("labels.npy").path) && $0.contains("epoch 1 of run skipped") },
                "\(problems)")
        #expect(epochs(events).map(\.1) == [2])
    }

    @Test func aQuietUnclosedRunIsStalledAndAMissingDirectoryWaitedFor() throws {
        let scratch = try ScratchDirectory()
        var watcher = RunWatcher(directory: scratch.url.appendingPathComponent("later"), stallSeconds: 60)
        #expect(watcher.poll().contains { if case .waitingForDirectory = $0 { true } else { false } })
        #expect(watcher.poll().isEmpty, "said once")
        let writer = try RunDirectoryWriter(directory: scratch.url.appendingPathComponent("later"), name: "run",
                                            created: Date().timeIntervalSince1970 - 100)
        try writer.epoch(1, embeddings: Self.points, labels: Self.labels)
        let now = Date().timeIntervalSince1970
        #expect(!watcher.poll(now: now).contains { if case .stalled = $0 { true } else { false } })
        let quiet = watcher.poll(now: now + 61)
        #expect(quiet.contains { if case .stalled("run", _) = $0 { true } else { false } } && watcher.isFinished)
        try writer.close(error: "RuntimeError: out of memory")
        #expect(watcher.poll(now: now + 62).contains { if case .closed("run", "RuntimeError: out of memory") = $0 { true } else { false } })
    }

    @Test func aRunOfAnotherFormatVersionIsAProblem() throws {
        let scratch = try ScratchDirectory()
        let run = scratch.url.appendingPathComponent("future")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        try Data(#"{"format": "dmlx-run", "version": 7, "name": "future"}"#.utf8).write(to: run.appendingPathComponent("run.json"))
        let found = RunDirectory.runs(in: scratch.url)
        #expect(found.runs.isEmpty && found.problems.count == 1 && found.problems[0].contains("format version 1"), "\(found.problems)")
    }
}
