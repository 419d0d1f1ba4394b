import DMLXEngine
import Testing

/// `OptionsFile`: the TOML subset and JSON of `--config`, with each error naming the line.
@Suite struct OptionsFileTests {
    private func toml(_ text: String) throws -> [OptionsFile.Entry] {
        try OptionsFile(path: "run.toml", text: text).entries
    }

    private func error(_ text: String, path: String = "run.toml") -> String? {
        do {
            _ = try OptionsFile(path: path, text: text)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func readsEveryKindOfTOMLValueWithItsLine() throws {
        let entries = try toml("""
            # a run
            data = "digits"   # built in
            'proxy-form' = 'paper'
            "kernel-gamma" = 2.5e-1
            batch_size = 1_024

            hidden = [
              256,   # first
              128,
            ]
            normalize = false
            margin = -0.2
            lr = +1e3
            name = "tab\\there \\u00e9\\\\"
            """)
        #expect(entries == [
            .init(key: "data", value: .string("digits"), line: 2),
            .init(key: "proxy-form", value: .string("paper"), line: 3),
            .init(key: "kernel-gamma", value: .float(0.25), line: 4),
            .init(key: "batch-size", value: .integer(1024), line: 5),
            .init(key: "hidden", value: .array([.integer(256), .integer(128)]), line: 7),
            .init(key: "normalize", value: .boolean(false), line: 11),
            .init(key: "margin", value: .float(-0.2), line: 12),
            .init(key: "lr", value: .float(1000), line: 13),
            .init(key: "name", value: .string("tab\there é\\"), line: 14),
        ])
    }

    @Test func emptyFileHasNoEntries() throws {
        #expect(try toml("").isEmpty)
        #expect(try toml("# nothing\n\n").isEmpty)
    }

    @Test(arguments: [
        ("data = \"digits\"\ndata = \"iris\"", "run.toml: line 2, column 1: expected each key once, found data again"),
        ("[train]\nepochs = 3", "run.toml: line 1, column 1: expected a `key = value` line (tables such as [name] are not used: options go at the top level), found \"[\""),
        ("train.epochs = 3", "run.toml: line 1, column 6: expected `=` after the key (dotted keys are not used: options go at the top level), found \".\""),
        ("epochs 3", "run.toml: line 1, column 8: expected `=` after the key epochs, found \"3\""),
        ("data = \"digits", "run.toml: line 1, column 15: expected `\"` closing the string, found the end of the file"),
        ("data = \"a\nb\"", "run.toml: line 2, column 1: expected `\"` closing the string before the end of the line, found \"b\""),
        ("epochs = 1__0", "run.toml: line 1, column 10: expected a string in quotes, a number, true, false or an array, found \"1__0\""),
        ("epochs = 010", "run.toml: line 1, column 10: expected a string in quotes, a number, true, false or an array, found \"010\""),
        ("date = 1979-05-27", "run.toml: line 1, column 8: expected a string in quotes, a number, true, false or an array, found \"1979-05-27\""),
        ("data = digits", "run.toml: line 1, column 8: expected a string in quotes, a number, true, false or an array, found \"digits\""),
        ("epochs = 3 4", "run.toml: line 1, column 12: expected the end of the line after the value of epochs, found \"4\""),
        ("hidden = [1, 2", "run.toml: line 1, column 15: expected `,` or `]` in the array, found the end of the file"),
        ("data = \"\"\"x\"\"\"", "run.toml: line 1, column 8: expected a one-line string (multi-line strings are not used), found \"\"\""),
        ("data = \"\\q\"", "run.toml: line 1, column 11: expected one of \\\" \\\\ \\b \\t \\n \\f \\r \\u \\U, found \\q"),
        ("data =", "run.toml: line 1, column 7: expected a value, found the end of the file"),
        ("epochs = 99999999999999999999", "run.toml: line 1, column 10: expected a string in quotes, a number, true, false or an array, found \"99999999999999999999\""),
    ])
    func malformedTOMLNamesLineAndColumn(text: String, message: String) {
        #expect(error(text) == message)
    }

    @Test func tomlNumbersFollowTheSpecification() throws {
        let cases: [(String, OptionsFile.Value)] = [
            ("0", .integer(0)), ("-0", .integer(0)), ("+17", .integer(17)), ("9_223_372_036_854_775_807", .integer(.max)),
            ("1.5", .float(1.5)), ("1e-3", .float(0.001)), ("6.626E-34", .float(6.626e-34)), ("-inf", .float(-.infinity)),
        ]
        for (text, value) in cases {
            #expect(try toml("x = \(text)") == [.init(key: "x", value: value, line: 1)], "\(text)")
        }
        guard case .float(let nan) = try toml("x = nan")[0].value else { Issue.record("nan is not a float"); return }
        #expect(nan.isNaN)
        for invalid in ["1.", ".5", "_1", "1_", "1e", "0x10", "1.e3", "--1"] {
            #expect(error("x = \(invalid)") != nil, "\(invalid) was accepted")
        }
    }

    @Test func readsJSONAndARecordsOptions() throws {
        let plain = try OptionsFile(path: "run.json", text: """
            {"data": "digits",
             "hidden": [256, 128],
             "normalize": false,
             "lr": 0.5, "epochs": 3}
            """).entries
        #expect(plain == [
            .init(key: "data", value: .string("digits"), line: 1),
            .init(key: "hidden", value: .array([.integer(256), .integer(128)]), line: 2),
            .init(key: "normalize", value: .boolean(false), line: 3),
            .init(key: "epochs", value: .integer(3), line: 4),
            .init(key: "lr", value: .float(0.5), line: 4),
        ].sorted { ($0.line, $0.key) < ($1.line, $1.key) })
        let record = try OptionsFile(path: "epoch0.json", text: #"{"run": "x", "epoch": 0, "options": {"batch_size": 32}}"#)
        #expect(record.entries == [.init(key: "batch-size", value: .integer(32), line: 1)])
    }

    @Test func formatFollowsTheExtensionThenTheFirstCharacter() throws {
        #expect(try OptionsFile(path: "run.cfg", text: " {\"epochs\": 2}").entries.map(\.key) == ["epochs"])
        #expect(try OptionsFile(path: "run.cfg", text: "epochs = 2").entries.map(\.key) == ["epochs"])
        #expect(error("epochs = 2", path: "run.json")?.hasPrefix("run.json: expected JSON, found") == true)
    }

    @Test func malformedJSONIsNamed() {
        #expect(error(#"{"data": {"nested": 1}}"#, path: "r.json") == "r.json: line 1: expected a string, number, boolean or array as the value of \"data\", found an object")
        #expect(error("{\n\"epochs\": null}", path: "r.json") == "r.json: line 2: expected a string, number, boolean or array as the value of \"epochs\", found null")
        #expect(error("[1, 2]", path: "r.json") == "r.json: line 1: expected a JSON object of options")
        #expect(error("{\"batch_size\": 64,\n \"batch-size\": 128}", path: "r.json") == "r.json: line 2: expected each key once, found batch-size again")
        #expect(error(#"{"epochs": 2"#, path: "r.json")?.hasPrefix("r.json: expected JSON, found ") == true)
    }

    @Test func oversizedOrMissingFilesAreRefusedBeforeReading() throws {
        let directory = try TemporaryDirectory()
        let big = try directory.write("big.toml", text: String(repeating: "#", count: (1 << 20) + 1))
        #expect(throws: DatasetError.self) { try OptionsFile.read(path: big) }
        #expect(throws: DatasetError.self) { try OptionsFile.read(path: directory.path("missing.toml")) }
    }
}
