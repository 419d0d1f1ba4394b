import Foundation
import Testing
import DMLXCore
import DMLXEngine
import DMLXTestSupport

/// `dmlx watch DIR --json` on run directories written as the Python recorder writes them
/// (python/tests covers the recorder itself and follows a live run end to end).
@Suite struct WatchCommandTests {
    static let (digits, labels): (Matrix<Float>, [Int]) = {
        let data = try! BuiltinDatasets.digits()
        return (data.features, data.labels)
    }()

    /// Every epoch's record carries the same metric values `dmlx eval` gives the same
    /// embeddings, and watch ends once the run is closed.
    @Test func recordsEqualEvalOnTheSameEmbeddingsAndEndWhenClosed() throws {
        let scratch = try ScratchDirectory()
        let writer = try RunDirectoryWriter(directory: scratch.url, name: "proxy-nca")
        var files: [URL] = []
        for epoch in 1...2 {
            try writer.batch(epoch: epoch, loss: 1 / Double(epoch))
            var moved = Self.digits
            for index in moved.storage.indices where index % (epoch + 6) == 0 { moved.storage[index] += 3 }
            files.append(try writer.epoch(epoch, embeddings: moved, labels: Self.labels))
        }
        try writer.close()
        let records = try Dmlx.records(["watch", scratch.url.path, "--json", "--poll-seconds", "0.05"])
        #expect(records.map(\.epoch) == [1, 2] && records.allSatisfy { $0.run == "proxy-nca" })
        #expect(records.map { $0.number("loss") } == [1, 0.5])
        for (record, directory) in zip(records, files) {
            let evaluated = try #require(try Dmlx.records(["eval", "--embeddings", directory.appendingPathComponent("embeddings.npy").path,
                                                           "--labels", directory.appendingPathComponent("labels.npy").path, "--json"]).first)
            #expect(record.metrics == evaluated.metrics, "epoch \(record.epoch ?? -1)")
        }
    }

    @Test func aRunThatStopsWithoutClosingIsReportedStalledAndFails() throws {
        let scratch = try ScratchDirectory()
        let writer = try RunDirectoryWriter(directory: scratch.url, name: "killed")
        try writer.epoch(1, embeddings: Self.digits, labels: Self.labels)
        let result = try Dmlx.run(["watch", scratch.url.path, "--json", "--poll-seconds", "0.05", "--stall-seconds", "0.5"])
        #expect(!result.succeeded && result.outputLines.count == 1, "\(result)")
        #expect(result.standardError.contains("killed: stalled"), "\(result.standardError)")
    }
}
