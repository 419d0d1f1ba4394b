import DMLXTestSupport
import Foundation
import Testing

/// `train --save` / `train --resume` end to end: a resumed run continues the uninterrupted
/// one exactly, saving leaves no temporary file, and a bad checkpoint is a clean error.
@Suite struct CheckpointTests {
    /// A Proxy-NCA run (proxies with their own learning rate, Adam) and a mined triplet run
    /// with SGD and momentum: between them every kind of saved state.
    static let runs = [
        ["--data", "digits"],
        ["--data", "iris", "--loss", "triplet", "--miner", "semihard", "--margin", "0.2", "--optimizer", "sgd"],
    ]

    @Test(arguments: runs)
    func resumedRunContinuesTheUninterruptedOneExactly(options: [String]) throws {
        let scratch = try ScratchDirectory()
        let checkpoint = scratch.path("run.ckpt")
        let uninterrupted = try Dmlx.records(["train"] + options + ["--epochs", "4", "--json"])
        let firstHalf = try Dmlx.records(["train"] + options + ["--epochs", "2", "--save", checkpoint, "--json"])
        #expect(try scratch.contents() == ["run.ckpt"], "saving left other files behind")
        let resumed = try Dmlx.records(["train", "--resume", checkpoint, "--epochs", "4", "--json"])

        try #require(uninterrupted.map(\.epoch) == [0, 1, 2, 3, 4])
        // Epoch 0 differs in the configuration it carries (2 epochs, not 4).
        #expect(firstHalf.map(\.metrics) == uninterrupted.prefix(3).map(\.metrics))
        #expect(firstHalf.dropFirst().map(\.withoutTimings) == uninterrupted[1...2].map(\.withoutTimings))
        #expect(resumed.map(\.epoch) == [3, 4])
        #expect(resumed.map(\.withoutTimings) == uninterrupted.suffix(2).map(\.withoutTimings))
    }

    /// A run saving every epoch is killed with SIGKILL in the middle of its training: the
    /// checkpoint on disk is whole, and the run resumed from it matches an uninterrupted
    /// run of the same seed bit for bit.
    @Test func aKilledRunResumesFromItsLastCheckpointExactly() throws {
        let scratch = try ScratchDirectory()
        let checkpoint = scratch.path("run.ckpt")
        let options = ["--data", "digits", "--threads", "1"]
        let killed = try Dmlx.killAfterFirstSave(["train"] + options + ["--epochs", "1000", "--save", checkpoint, "--save-every", "1", "--json"],
                                                 checkpoint: checkpoint)
        #expect(killed == .uncaughtSignal)
        let resumed = try Dmlx.records(["train", "--resume", checkpoint, "--epochs", "40", "--json"])
        let saved = try #require(resumed.first?.epoch) - 1
        #expect(saved >= 1 && saved < 40, "the checkpoint holds epoch \(saved)")
        let uninterrupted = try Dmlx.records(["train"] + options + ["--epochs", "40", "--json"])
        #expect(resumed.map(\.withoutTimings) == uninterrupted.suffix(40 - saved).map(\.withoutTimings))
    }

    @Test func savingReplacesAnExistingFileWholeAndLeavesNoTemporaryFile() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("run.ckpt", Array("an older file".utf8))
        let result = try Dmlx.run(["train", "--data", "iris", "--epochs", "1", "--save", scratch.path("run.ckpt")])
        try #require(result.succeeded, "\(result)")
        #expect(try scratch.contents() == ["run.ckpt"])
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: scratch.url.appendingPathComponent("run.ckpt")))
        #expect((saved as? [String: Any])?["formatVersion"] as? Int == 1)
    }

    @Test func savingIntoAMissingDirectoryFailsBeforeTraining() throws {
        let scratch = try ScratchDirectory()
        let target = scratch.path("missing/run.ckpt")
        let result = try Dmlx.run(["train", "--data", "iris", "--epochs", "1", "--json", "--save", target])
        #expect(result.failedCleanly, "\(result)")
        #expect(result.standardError.contains(target), "\(result)")
        #expect(result.standardOutput.isEmpty, "\(result)")
    }

    /// `--epochs` is the new total; fewer than the checkpoint has done is a mistake, not a no-op.
    @Test func resumingToFewerEpochsThanDoneIsAnError() throws {
        let scratch = try ScratchDirectory()
        let checkpoint = scratch.path("run.ckpt")
        try #require(try Dmlx.run(["train", "--data", "iris", "--epochs", "2", "--save", checkpoint]).succeeded)
        let result = try Dmlx.run(["train", "--resume", checkpoint, "--epochs", "1", "--json"])
        #expect(result.failedCleanly, "\(result)")
        #expect(result.standardError.contains(checkpoint) && result.standardError.contains("--epochs"), "\(result)")
        #expect(result.standardOutput.isEmpty, "\(result)")
    }

    /// A damaged checkpoint, made from a good one, and what the error must say.
    struct Damage: Sendable, CustomStringConvertible {
        var description: String
        var mentions: String
        var damage: @Sendable (String) -> String?

        static let all = [
            Damage(description: "truncated", mentions: "not a dmlx checkpoint") { String($0.prefix($0.count / 2)) },
            Damage(description: "wrong format version", mentions: "format version 99") {
                $0.replacingOccurrences(of: "\"formatVersion\":1", with: "\"formatVersion\":99")
            },
            Damage(description: "not JSON", mentions: "not a dmlx checkpoint") { _ in "PK\u{3}\u{4} a zip file" },
            Damage(description: "JSON but not a checkpoint", mentions: "not a dmlx checkpoint") { _ in "{\"epoch\": 3}" },
            Damage(description: "a tensor of the wrong size", mentions: "tensor") {
                $0.replacingOccurrences(of: "\"rows\":4,", with: "\"rows\":5,")
            },
            Damage(description: "missing", mentions: "cannot be read") { _ in nil },
            Damage(description: "a model dimension of 10⁹", mentions: "--dim must be between 1 and") {
                edited($0, ["configuration", "model", "dimension"], 1_000_000_000)
            },
            Damage(description: "a tensor of 2⁴⁰ rows", mentions: "1099511627776×") {
                edited($0, ["parameters", "0", "rows"], 1 << 40)
            },
            Damage(description: "a tensor of 2⁴⁰ × 2⁴⁰", mentions: "impossible shape") {
                edited(edited($0, ["parameters", "0", "rows"], 1 << 40)!, ["parameters", "0", "cols"], 1 << 40)
            },
            Damage(description: "a negative epoch", mentions: "epoch -1") { edited($0, ["epoch"], -1) },
            Damage(description: "NaN weights", mentions: "expected finite weights") {
                edited($0, ["parameters", "0", "values"], nanValues(of: $0))
            },
            Damage(description: "a batch size of 2⁶²", mentions: "--batch-size") {
                edited($0, ["configuration", "batchSize"], 1 << 62)
            },
            Damage(description: "an optimizer step of −1", mentions: "optimizer step -1") { edited($0, ["optimizerStep"], -1) },
            Damage(description: "an optimizer slot of the wrong size", mentions: "malformed optimizer slot") {
                edited(edited($0, ["optimizerSlots", "0", "cols"], 1)!, ["optimizerSlots", "0", "values"], "AAAAAA==")
            },
            Damage(description: "an emptied history", mentions: "history of epochs") { edited($0, ["history"], [Any]()) },
            Damage(description: "emptied optimizer slots", mentions: "optimizer state for 0 of") {
                edited($0, ["optimizerSlots"], [Any]())
            },
            Damage(description: "another standardisation", mentions: "has the data changed?") {
                edited($0, ["standardizer", "mean", "0"], 1000)
            },
            Damage(description: "Adam's beta2 of 1", mentions: "Adam's beta2") {
                edited($0, ["configuration", "optimizer", "beta2"], 1)
            },
        ]

        /// `text` with the JSON value at `path` (object keys, array indices) replaced.
        static func edited(_ text: String, _ path: [String], _ value: Any) -> String? {
            func replace(_ node: Any, _ path: ArraySlice<String>) -> Any {
                guard let key = path.first else { return value }
                if var array = node as? [Any], let index = Int(key) {
                    array[index] = replace(array[index], path.dropFirst())
                    return array
                }
                var object = node as? [String: Any] ?? [:]
                object[key] = replace(object[key] as Any, path.dropFirst())
                return object
            }
            guard let root = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
                  let data = try? JSONSerialization.data(withJSONObject: replace(root, path[...])) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }

        /// Base64 of as many NaN floats as the first parameter tensor holds.
        static func nanValues(of text: String) -> String {
            let root = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
            let first = (root?["parameters"] as? [[String: Any]])?.first
            let count = (first?["rows"] as? Int ?? 0) * (first?["cols"] as? Int ?? 0)
            return [Float](repeating: .nan, count: count).withUnsafeBytes { Data($0) }.base64EncodedString()
        }
    }

    /// Through both readers of checkpoints, `train --resume` and `export`.
    @Test(arguments: Damage.all)
    func damagedCheckpointIsACleanErrorNamingTheFile(damage: Damage) throws {
        let scratch = try ScratchDirectory()
        let good = scratch.path("good.ckpt")
        try #require(try Dmlx.run(["train", "--data", "iris", "--epochs", "1", "--save", good]).succeeded)
        let text = try String(contentsOfFile: good, encoding: .utf8)
        let damaged = scratch.path("damaged.ckpt")
        if let content = damage.damage(text) {
            try #require(content != text, "the damage did not change the checkpoint")
            try scratch.write("damaged.ckpt", Array(content.utf8))
        }
        for command in [["train", "--resume", damaged, "--epochs", "3", "--json"],
                        ["export", damaged, "--out", scratch.path("exported")]] {
            let result = try Dmlx.run(command)
            #expect(result.failedCleanly, "\(result)")
            #expect(result.standardError.contains(damaged), "\(result)")
            #expect(result.standardError.contains(damage.mentions), "\(result)")
            #expect(result.standardOutput.isEmpty, "\(result)")
        }
    }
}
