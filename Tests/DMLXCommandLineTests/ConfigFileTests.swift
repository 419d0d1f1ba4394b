import DMLXTestSupport
import Foundation
import Testing

/// `--config FILE`: a TOML or JSON file of training options, overridden by the command
/// line, and the options every run writes beside its records, which reproduce it.
@Suite struct ConfigFileTests {
    private static let options = ["--data", "iris", "--loss", "triplet", "--miner", "semihard", "--hidden", "16,8",
                                  "--dim", "4", "--no-normalize", "--lr", "0.005", "--margin=-0.1", "--epochs", "2"]

    @Test func aTOMLFileSaysWhatTheCommandLineSays() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("run.toml", Array("""
            # the same run as `options`
            data = "iris"
            loss = 'triplet'
            miner = "semihard"
            hidden = [16, 8]
            dim = 4
            normalize = false
            lr = 5e-3
            margin = -0.1
            epochs = 2
            """.utf8))
        let fromFile = try Dmlx.records(["train", "--config", scratch.path("run.toml"), "--json"])
        let fromCommandLine = try Dmlx.records(["train", "--json"] + Self.options)
        #expect(fromFile.count == 3)
        #expect(fromFile.map(\.withoutTimings) == fromCommandLine.map(\.withoutTimings))
    }

    @Test func theCommandLineOverridesTheFile() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("run.json", Array(#"{"data": "iris", "epochs": 5, "normalize": false, "dim": 4}"#.utf8))
        let records = try Dmlx.records(["train", "--config", scratch.path("run.json"), "--epochs", "1", "--normalize", "--json"])
        #expect(records.map(\.epoch) == [0, 1])
        let configuration = try #require(records.first?.object("configuration")?.object("model"))
        #expect(configuration.fields["normalize"] as? Bool == true)
        #expect(configuration.number("dimension") == 4)
    }

    @Test func theRecordedOptionsReproduceTheRun() throws {
        let scratch = try ScratchDirectory()
        let original = try Dmlx.records(["train", "--json", "--history", scratch.path("first")] + Self.options)
        let written = try JSONRecord(line: String(decoding: try Data(contentsOf: scratch.url.appendingPathComponent("first/config.json")), as: UTF8.self)
            .split(separator: "\n").joined())
        #expect(written.string("data") == "iris")
        #expect(written.fields["normalize"] as? Bool == false)
        #expect(written.number("batch-size") == 64, "defaults are recorded too")

        // The file in the history directory, and epoch 0's record, each run the same again.
        var fromHistory = try String(contentsOf: scratch.url.appendingPathComponent("first/config.json"), encoding: .utf8)
        fromHistory = fromHistory.replacingOccurrences(of: scratch.path("first"), with: scratch.path("second"))
        try scratch.write("again.json", Array(fromHistory.utf8))
        let again = try Dmlx.records(["train", "--config", scratch.path("again.json")])
        try scratch.write("epoch0.json", Array(try #require(try Dmlx.run(["train", "--json"] + Self.options).outputLines.first).utf8))
        let fromRecord = try Dmlx.records(["train", "--config", scratch.path("epoch0.json")])
        #expect(again.map(\.withoutTimings) == original.map(\.withoutTimings))
        #expect(fromRecord.map(\.withoutTimings) == original.map(\.withoutTimings))
        #expect(again.first?.object("options")?.string("history") == scratch.path("second"))
    }

    @Test func errorsNameTheFileAndLine() throws {
        let scratch = try ScratchDirectory()
        let cases: [(String, String)] = [
            ("data = \"iris\"\nbatchsize = 3\n", "run.toml: line 2: expected an option of this command (data, split,"),
            ("data = \"iris\"\n\ndim = -5\n", "run.toml: line 3: dim: --dim must be between"),
            ("dim = \"four\"\n", "run.toml: line 1: dim: The value 'four' is invalid for '--dim <dim>'"),
            ("normalize = 1\n", "run.toml: line 1: expected true or false for the flag normalize, found \"1\""),
            ("[train]\n", "run.toml: line 1, column 1: expected a `key = value` line"),
        ]
        for (text, message) in cases {
            try scratch.write("run.toml", Array(text.utf8))
            let result = try Dmlx.run(["train", "--config", scratch.path("run.toml")])
            #expect(!result.succeeded)
            #expect(result.standardError.contains(scratch.path("run.toml").dropLast("run.toml".count) + message), "\(result.standardError)")
            #expect(result.standardOutput.isEmpty)
        }
        let missing = try Dmlx.run(["compare", "--config", scratch.path("none.toml")])
        #expect(!missing.succeeded && missing.standardError.contains("none.toml: expected a readable TOML or JSON file of options"))
    }
}
