import Foundation

extension OptionsFile {
    /// A JSON value as decoded, before it is known to be an option's value.
    private indirect enum Node: Decodable {
        case value(Value)
        case array([Node])
        case object([String: Node])
        case null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            // JSONDecoder reads `true` only as a Bool and `2.5` only as a floating-point
            // number, so trying the narrower types first keeps each value's own type.
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .value(.boolean(flag))
            } else if let integer = try? container.decode(Int64.self) {
                self = .value(.integer(integer))
            } else if let number = try? container.decode(Double.self) {
                self = .value(.float(number))
            } else if let text = try? container.decode(String.self) {
                self = .value(.string(text))
            } else if let elements = try? container.decode([Node].self) {
                self = .array(elements)
            } else {
                self = .object(try container.decode([String: Node].self))
            }
        }
    }

    /// The entries of a JSON object of options, or of a record's `"options"` object.
    static func jsonEntries(_ text: String, path: String) throws -> [Entry] {
        let data = Data(text.utf8)
        do {
            // JSONSerialization says where the syntax breaks ("around line 3, column 5");
            // JSONDecoder only that it does.
            _ = try JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription
            throw DatasetError(file: path, position: .none, expected: "JSON", found: reason)
        }
        let root = try JSONDecoder().decode(Node.self, from: data)
        guard case .object(var fields) = root else {
            throw DatasetError(file: path, position: .line(1, column: nil), expected: "a JSON object of options")
        }
        if case .object(let options)? = fields["options"] { fields = options }
        let entries = try fields.map { key, node in
            let line = Self.line(ofKey: key, in: text)
            return Entry(key: key, value: try Self.value(node, key: key, line: line, path: path), line: line)
        }
        // batch_size and batch-size are one option, as a TOML file's repeated key is.
        var seen: Set<String> = []
        for entry in entries.sorted(by: { ($0.line, $0.key) < ($1.line, $1.key) }) where !seen.insert(entry.key).inserted {
            throw DatasetError(file: path, position: .line(entry.line, column: nil), expected: "each key once", found: "\(entry.key) again")
        }
        return entries
    }

    private static func value(_ node: Node, key: String, line: Int, path: String) throws -> Value {
        switch node {
        case .value(let value):
            return value
        case .array(let elements):
            return .array(try elements.map { try value($0, key: key, line: line, path: path) })
        case .object, .null:
            throw DatasetError(file: path, position: .line(line, column: nil),
                               expected: "a string, number, boolean or array as the value of \"\(key)\"",
                               found: { if case .null = node { return "null" } else { return "an object" } }())
        }
    }

    /// The line of `"key":`'s first occurrence (JSONDecoder keeps no positions).
    private static func line(ofKey key: String, in text: String) -> Int {
        let quoted = "\"" + key + "\""
        var searchStart = text.startIndex
        while let found = text.range(of: quoted, range: searchStart..<text.endIndex) {
            if text[found.upperBound...].first(where: { !$0.isWhitespace }) == ":" {
                return text[..<found.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            }
            searchStart = found.upperBound
        }
        return 1
    }
}
