import Foundation
import Testing
import DMLXCore
import DMLXEngine
import DMLXTestSupport
import Synchronization

/// The UI's feed of watched runs: snapshots scored and projected on the follower's
/// queue, status from the directory, one test split on screen.
@Suite struct RunDirectoryFollowerTests {
    static let points = Matrix<Float>([[0, 0], [0, 1], [5, 5], [5, 6], [9, 0], [9, 1]])
    static let labels = [0, 0, 1, 1, 2, 2]

    /// Polls `until` every 20 ms for up to 10 s.
    func eventually(_ until: () -> Bool) -> Bool {
        for _ in 0..<500 where !until() { Thread.sleep(forTimeInterval: 0.02) }
        return until()
    }

    @Test func epochsArriveScoredAndProjectedAndARunEndsAsItsWriterSays() throws {
        let scratch = try ScratchDirectory()
        let follower = RunDirectoryFollower(directory: scratch.url, pollSeconds: 0.02)
        follower.start()
        defer { follower.stop() }
        let writer = try RunDirectoryWriter(directory: scratch.url, name: "triplet")
        try writer.batch(epoch: 1, loss: 0.5)
        try writer.epoch(1, embeddings: Self.points, labels: Self.labels)
        var runs: [any RunSource] = []
        #expect(eventually { runs += follower.newRuns(); return runs.first?.snapshots.count == 1 })
        let run = try #require(runs.first)
        let snapshot = try #require(run.snapshots.first)
        #expect(run.name == "triplet" && run.status == .running && snapshot.loss == 0.5)
        #expect(snapshot.metrics == MetricSuite.evaluate(embeddings: Self.points, labels: Self.labels, seed: 0))
        #expect(snapshot.projection != nil && snapshot.embeddings == nil, "the payload stays on disk")
        #expect(try snapshot.loadingPayload().embeddings == Self.points)
        #expect(follower.testSplit?.labels == Self.labels)
        try writer.close(error: "KeyboardInterrupt: ")
        #expect(eventually { run.status == .failed("KeyboardInterrupt: ") })
        #expect(follower.newRuns().isEmpty, "a run is handed over once")
    }

    @Test func anotherTestSplitIsNotShownAndAQuietRunStalls() throws {
        let scratch = try ScratchDirectory()
        let follower = RunDirectoryFollower(directory: scratch.url, pollSeconds: 0.02, stallSeconds: 0.3)
        let first = try RunDirectoryWriter(directory: scratch.url, name: "a")
        try first.epoch(1, embeddings: Self.points, labels: Self.labels)
        let other = try RunDirectoryWriter(directory: scratch.url, name: "b")
        try other.epoch(1, embeddings: Matrix(Array(Self.points.storage.prefix(8)).chunked), labels: [0, 0, 1, 1])
        follower.start()
        defer { follower.stop() }
        var notices: [String] = []
        var runs: [any RunSource] = []
        #expect(eventually {
            notices += follower.notices()
            runs += follower.newRuns()
            return runs.count == 2 && runs.allSatisfy { $0.status == .stalled }
        })
        #expect(notices.contains { $0.contains("b, epoch 1: another test split") }, "\(notices)")
        #expect(runs.first { $0.name == "b" }?.snapshots.isEmpty == true)
        // Saving a watched run writes its newest epoch as view reads it.
        let saved = scratch.url.appendingPathComponent("saved.npy")
        let result = Mutex<Result<Int, any Error>?>(nil)
        runs.first { $0.name == "a" }!.save(to: saved) { outcome in result.withLock { $0 = outcome } }
        #expect(try result.withLock { try $0?.get() } == 1)
        #expect(try NpyLoader.features(path: saved.path) == Self.points)
        #expect(try NpyLoader.labels(path: scratch.path("saved-labels.npy")) == Self.labels)
    }
}

private extension Array where Element == Float {
    /// Rows of two.
    var chunked: [[Float]] { stride(from: 0, to: count, by: 2).map { Array(self[$0..<($0 + 2)]) } }
}
