import DMLXEngine
import DMLXTestSupport
import Foundation
import Testing

/// `dmlx train` end to end: the `--json` record contract of DESIGN.md §3, reproducibility
/// from the seed, and the documented options.
@Suite struct TrainCommandTests {
    static let trainingOptions = [
        "--data", "--split", "--model", "--hidden", "--dim", "--loss", "--miner", "--margin", "--epochs",
        "--batch-size", "--m-per-class", "--optimizer", "--lr", "--proxy-lr", "--seed", "--threads",
        "--method", "--constraints", "--neighbors", "--max-iterations",
    ]

    @Test func jsonRecordsFollowTheContract() throws {
        let result = try Dmlx.run(["train", "--data", "digits", "--epochs", "3", "--json"])
        try #require(result.succeeded, "\(result)")
        #expect(result.standardError.isEmpty, "\(result.standardError)")
        let records = try result.outputLines.map { try JSONRecord(line: $0) }
        #expect(records.map(\.epoch) == [0, 1, 2, 3])
        for record in records {
            #expect(record.run == "proxy-nca", "\(record)")
            for key in ["run", "epoch", "loss", "train_seconds"] + JSONRecord.metricKeys {
                #expect(record.fields[key] != nil, "epoch \(record.epoch ?? -1) lacks \"\(key)\"")
            }
            #expect((record.number("train_seconds") ?? -1) >= 0)
            expectValidMetrics(record)
        }
        let initial = try #require(records.first)
        #expect(initial.isNull("loss"))
        #expect(initial.number("train_seconds") == 0)
        expectValidMetrics(try #require(initial.object("raw_features"), "epoch 0 lacks \"raw_features\""))
        let configuration = try #require(initial.object("configuration"), "epoch 0 lacks \"configuration\"")
        #expect(configuration.string("data") == "digits")
        #expect(configuration.number("epochs") == 3)
        for record in records.dropFirst() {
            let loss = try #require(record.number("loss"), "epoch \(record.epoch ?? -1) has no numeric loss")
            #expect(loss.isFinite && loss > 0)
        }
    }

    @Test func sameSeedGivesTheSameRecordsAndAnotherSeedDoesNot() throws {
        let arguments = ["train", "--data", "digits", "--loss", "triplet", "--miner", "semihard", "--margin", "0.2",
                         "--epochs", "2", "--threads", "2", "--json"]
        let first = try Dmlx.records(arguments + ["--seed", "7"])
        let second = try Dmlx.records(arguments + ["--seed", "7"])
        let other = try Dmlx.records(arguments + ["--seed", "8"])
        try #require(first.count == 3 && second.count == 3 && other.count == 3)
        #expect(first.map(\.withoutTimings) == second.map(\.withoutTimings))
        for (mine, theirs) in zip(first, other).dropFirst() {
            #expect(mine.withoutTimings != theirs.withoutTimings, "seeds 7 and 8 agree on epoch \(mine.epoch ?? -1)")
        }
    }

    @Test(arguments: ["train", "compare"])
    func helpDocumentsEveryTrainingOption(command: String) throws {
        let result = try Dmlx.run([command, "--help"])
        try #require(result.succeeded, "\(result)")
        for option in Self.trainingOptions {
            #expect(result.standardOutput.contains(option + " "), "\(command) --help lacks \(option)")
        }
    }

    /// Help lists every registered loss, miner and classic method, whatever the registries
    /// hold (the hand-written list named seven of sixteen losses).
    @Test(arguments: ["train", "compare"])
    func helpListsEveryLossMinerAndMethodOfTheRegistries(command: String) throws {
        let result = try Dmlx.run([command, "--help"])
        try #require(result.succeeded, "\(result)")
        let words = Set(result.standardOutput.split { !($0.isLetter || $0.isNumber || $0 == "-") }.map(String.init))
        let expected = LossRegistry.lossNames + MahalanobisRegistry.names + (command == "train" ? LossRegistry.minerNames : [])
        #expect(LossRegistry.lossNames.count >= 16)
        for name in expected {
            #expect(words.contains(name), "\(command) --help lacks \(name)")
        }
    }

    /// Rates are fractions; Recall@K cannot fall as K grows; with leave-one-out retrieval
    /// precision@1 is Recall@1. AMI is chance-adjusted and may dip below 0.
    private func expectValidMetrics(_ record: JSONRecord, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let recalls = record.recalls else {
            Issue.record("recall_at lacks one of K = 1, 2, 4, 8: \(record)", sourceLocation: sourceLocation)
            return
        }
        #expect(recalls == recalls.sorted(), "\(recalls)", sourceLocation: sourceLocation)
        #expect(record.number("precision_at_1") == recalls[0], sourceLocation: sourceLocation)
        for value in recalls + ["precision_at_1", "r_precision", "map_at_r", "nmi"].map({ record.number($0) ?? .nan }) {
            #expect((0...1).contains(value), "\(record)", sourceLocation: sourceLocation)
        }
        #expect((-1...1).contains(record.number("ami") ?? .nan), "\(record)", sourceLocation: sourceLocation)
    }
}
