import DMLXTestSupport
import Foundation
import Testing

/// `--validation` and `--patience` end to end: validation records beside unchanged test
/// numbers, a run that stops early and keeps (saves, exports) its best epoch's model, exact
/// resumption, and the errors of a wrong use.
@Suite struct ValidationCommandTests {
    static let validated = ["--data", "digits", "--validation", "0.25"]

    /// The best epoch by the rule of `--patience`: the first highest validation MAP@R.
    static func bestEpoch(_ records: [JSONRecord]) throws -> Int {
        let scores = try records.map { try #require($0.object("validation")?.number("map_at_r"), "\($0)") }
        let highest = try #require(scores.max())
        return try #require(scores.firstIndex(of: highest))
    }

    @Test(arguments: [("stratified", "0.25"), ("zero-shot", "0.4")])
    func validationMetricsJoinTheRecordsAndTheTestNumbersStayTheSame(split: String, fraction: String) throws {
        let plain = try Dmlx.records(["train", "--data", "digits", "--split", split, "--epochs", "1", "--json"])
        let validated = try Dmlx.records(["train", "--data", "digits", "--split", split, "--epochs", "1", "--validation", fraction, "--json"])
        try #require(plain.count == 2 && validated.count == 2)
        // The untrained model on the same test split: identical scores.
        #expect(validated[0].metrics == plain[0].metrics)
        #expect(validated[0].object("raw_features")?.description == plain[0].object("raw_features")?.description)
        #expect(validated[0].object("configuration")?.number("validation") == Double(fraction))
        #expect(plain.allSatisfy { $0.fields["validation"] == nil })
        for record in validated {
            let validation = try #require(record.object("validation"), "epoch \(record.epoch ?? -1) lacks \"validation\"")
            for key in JSONRecord.metricKeys { #expect(validation.fields[key] != nil, "validation lacks \(key)") }
            #expect(validation.recalls != nil)
        }
    }

    @Test func aPatienceRunStopsAndSavesAndExportsItsBestEpochsModel() throws {
        let scratch = try ScratchDirectory()
        let checkpoint = scratch.path("best.ckpt")
        let output = try Dmlx.records(["train"] + Self.validated + ["--patience", "2", "--epochs", "200", "--json", "--save", checkpoint])
        let (records, closing) = (Array(output.dropLast()), try #require(output.last))
        #expect(records.map(\.epoch) == Array(0..<records.count))
        let best = try Self.bestEpoch(records), stoppedAt = records.count - 1
        #expect(closing.run == "proxy-nca" && closing.epoch == nil)
        #expect(closing.number("best_epoch") == Double(best) && closing.number("stopped_at") == Double(stoppedAt))
        #expect(closing.string("stop_reason") == "patience" && stoppedAt - best == 2, "\(closing)")
        #expect(closing.metrics == records[best].metrics)
        #expect(closing.object("validation")?.description == records[best].object("validation")?.description)

        // The same training stopped at the best epoch by --epochs alone exports the same embeddings.
        let reference = scratch.path("reference.ckpt")
        try #require(try Dmlx.run(["train"] + Self.validated + ["--epochs", String(best), "--save", reference]).succeeded)
        var exported: [Data] = []
        for (file, directory) in [(checkpoint, "best"), (reference, "reference")] {
            let result = try Dmlx.run(["export", file, "--format", "npy", "--out", scratch.path(directory)])
            try #require(result.succeeded, "\(result)")
            #expect(result.standardOutput.contains("(epoch \(best))"), "\(result)")
            exported.append(try Data(contentsOf: scratch.url.appendingPathComponent(directory).appendingPathComponent("embeddings.npy")))
        }
        #expect(exported[0] == exported[1], "the saved model is not epoch \(best)'s")
        let saved = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: checkpoint))) as? [String: Any])
        let state = try #require(saved["earlyStopping"] as? [String: Any])
        #expect(state["bestEpoch"] as? Int == best && state["stoppedAt"] as? Int == stoppedAt && state["stopReason"] as? String == "patience")
        #expect((state["bestParameters"] as? [Any])?.isEmpty == true, "a stopped run's parameters are the best ones")

        // Resuming a stopped run trains nothing and closes it again; more epochs are refused.
        let resumed = try Dmlx.records(["train", "--resume", checkpoint, "--json"])
        #expect(resumed.map(\.description) == [closing.description])
        let extended = try Dmlx.run(["train", "--resume", checkpoint, "--epochs", "300", "--json"])
        #expect(extended.failedCleanly && extended.standardError.contains(checkpoint) && extended.standardError.contains("--epochs 300"),
                "\(extended)")
        #expect(extended.standardOutput.isEmpty)
    }

    /// A patience run saving every epoch is killed mid-training; resumed with a new total it
    /// ends exactly as the uninterrupted run: the same epochs, closing record and saved model.
    @Test func aKilledPatienceRunResumesExactly() throws {
        let scratch = try ScratchDirectory()
        let checkpoint = scratch.path("run.ckpt")
        let options = Self.validated + ["--patience", "1000", "--threads", "1"]
        let killed = try Dmlx.killAfterFirstSave(["train"] + options + ["--epochs", "1000", "--save", checkpoint, "--save-every", "1", "--json"],
                                                 checkpoint: checkpoint)
        #expect(killed == .uncaughtSignal)
        let resumed = try Dmlx.records(["train", "--resume", checkpoint, "--epochs", "40", "--json", "--save", checkpoint])
        let saved = try #require(resumed.first?.epoch) - 1
        #expect(saved >= 1 && saved < 40, "the checkpoint holds epoch \(saved)")
        let whole = scratch.path("whole.ckpt")
        let uninterrupted = try Dmlx.records(["train"] + options + ["--epochs", "40", "--json", "--save", whole])
        #expect(uninterrupted.last?.string("stop_reason") == "epochs")
        #expect(resumed.map(\.withoutTimings) == uninterrupted.suffix(resumed.count).map(\.withoutTimings))
        let models = try [checkpoint, whole].map { file in
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any]
            return JSONRecord(fields: ["parameters": object?["parameters"] ?? [], "earlyStopping": object?["earlyStopping"] ?? [:]]).description
        }
        #expect(models[0] == models[1], "the resumed run saved another model")
    }

    @Test func aClassicMethodScoresItsValidationPartButRefusesPatience() throws {
        let records = try Dmlx.records(["train", "--data", "wine", "--method", "lmnn", "--validation", "0.2", "--json"])
        #expect(records.map(\.epoch) == [0, 1])
        #expect(records.allSatisfy { $0.object("validation")?.number("map_at_r") != nil })
        let refused = try Dmlx.run(["train", "--data", "wine", "--method", "lmnn", "--validation", "0.2", "--patience", "2", "--json"])
        #expect(refused.failedCleanly && refused.standardError.contains("--patience") && refused.standardError.contains("lmnn"), "\(refused)")
        #expect(refused.standardOutput.isEmpty)
    }

    @Test(arguments: ["train", "compare", "tui"])
    func helpDocumentsBothOptions(command: String) throws {
        let result = try Dmlx.run([command, "--help"])
        try #require(result.succeeded, "\(result)")
        #expect(result.standardOutput.contains("--validation <validation>") && result.standardOutput.contains("--patience <patience>"),
                "\(result.standardOutput)")
    }

    @Test(arguments: [
        (["--patience", "3"], "--patience needs --validation"),
        (["--validation", "1.5"], "--validation must be a fraction"),
        (["--validation", "0.2", "--split", "zero-shot", "--data", "iris"], "use --split stratified"),
    ])
    func aWrongUseIsAnError(arguments: [String], mentions: String) throws {
        let result = try Dmlx.run(["train", "--data", "digits", "--epochs", "1", "--json"] + arguments)
        #expect(result.failedCleanly, "\(result)")
        #expect(result.standardError.contains(mentions), "\(result)")
        #expect(result.standardOutput.isEmpty, "\(result)")
    }

    /// A patience checkpoint whose early-stopping state its history does not give, through
    /// both readers of checkpoints. A nil value is JSON's null (the field left out).
    @Test(arguments: [
        (["earlyStopping", "bestEpoch"], -1, "that its history does not give"),
        (["earlyStopping"], nil, "has no early-stopping state"),
        (["history", "1", "validationMetrics"], nil, "without validation metrics"),
        (["earlyStopping", "stoppedAt"], 1, "that its history does not give"),
    ] as [([String], Int?, String)])
    func aForgedEarlyStoppingStateIsACleanError(path: [String], value: Int?, mentions: String) throws {
        let scratch = try ScratchDirectory()
        let good = scratch.path("good.ckpt")
        try #require(try Dmlx.run(["train", "--data", "iris", "--validation", "0.3", "--patience", "2", "--epochs", "30", "--lr", "0.01",
                                   "--save", good]).succeeded)
        let text = try String(contentsOfFile: good, encoding: .utf8)
        let damaged = try #require(CheckpointTests.Damage.edited(text, path, value.map { $0 as Any } ?? NSNull()))
        try #require(damaged != text)
        try scratch.write("damaged.ckpt", Array(damaged.utf8))
        for command in [["train", "--resume", scratch.path("damaged.ckpt"), "--json"],
                        ["export", scratch.path("damaged.ckpt"), "--out", scratch.path("exported")]] {
            let result = try Dmlx.run(command)
            #expect(result.failedCleanly, "\(result)")
            #expect(result.standardError.contains("damaged.ckpt") && result.standardError.contains(mentions), "\(result)")
        }
    }
}
