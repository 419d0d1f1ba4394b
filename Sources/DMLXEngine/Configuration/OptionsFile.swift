import Foundation

/// A command's options written in a file (`dmlx train --config FILE`): TOML or JSON, one
/// key per option, spelled as on the command line without the dashes (`batch-size = 128`;
/// `batch_size` is read the same), so a file and a command line say the same things.
///
/// The format follows the file's extension (`.toml`, `.json`); any other file is JSON when
/// its first character is `{`. A JSON file may also be a record of `dmlx train --json`
/// (epoch 0 carries the options it ran with under `"options"`), so a result names the
/// file that reproduces it. Which keys exist and what their values mean is the command's
/// business; this type only reads them, each with the line it is on for error messages.
public struct OptionsFile: Sendable, Equatable {
    /// An option's value as written.
    public enum Value: Sendable, Equatable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case boolean(Bool)
        case array([Value])
    }

    /// One `key = value`, `key` with underscores read as dashes.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: Value
        /// 1-based line of the key.
        public var line: Int

        public init(key: String, value: Value, line: Int) {
            self.key = key.replacingOccurrences(of: "_", with: "-")
            self.value = value
            self.line = line
        }
    }

    /// The path as the user gave it, for error messages.
    public var path: String
    /// The entries in the order of their lines (of their keys, within one line).
    public var entries: [Entry]

    /// Larger than any real file of options by far, small enough to read whole.
    static let maximumBytes = 1 << 20

    public init(path: String, entries: [Entry]) {
        self.path = path
        self.entries = entries
    }

    /// Reads and parses `path`; errors name the file, the line and what was expected.
    public static func read(path: String) throws -> OptionsFile {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size else {
            throw DatasetError(file: path, position: .none, expected: "a readable TOML or JSON file of options")
        }
        guard size <= maximumBytes else {
            throw DatasetError(file: path, position: .none, expected: "a file of options of at most \(maximumBytes) bytes",
                               found: "\(size) bytes")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetError(file: path, position: .none, expected: "a readable TOML or JSON file of options")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DatasetError(file: path, position: .none, expected: "UTF-8 text")
        }
        return try OptionsFile(path: path, text: text)
    }

    /// Parses `text` as the contents of `path`.
    public init(path: String, text: String) throws {
        self.path = path
        let lowercased = path.lowercased()
        let isJSON = lowercased.hasSuffix(".json")
            || (!lowercased.hasSuffix(".toml") && text.first(where: { !$0.isWhitespace }) == "{")
        var parser = TOMLParser(text: text, file: path)
        var parsed = try isJSON ? Self.jsonEntries(text, path: path) : parser.entries()
        parsed.sort { ($0.line, $0.key) < ($1.line, $1.key) }
        entries = parsed
    }
}
