import Foundation

/// The part of TOML (v1.0.0, toml.io) a file of options needs: `key = value` lines at the
/// top level, bare or quoted keys, basic and literal strings, integers, floats (`inf`,
/// `nan` included), booleans and arrays of those (over several lines, trailing comma
/// allowed), comments. Tables, dotted keys, multi-line strings and dates have no option
/// to set and are rejected by name rather than misread. A key given twice is an error,
/// as TOML says.
struct TOMLParser {
    private let scalars: [Unicode.Scalar]
    private let file: String
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(text: String, file: String) {
        scalars = Array(text.unicodeScalars)
        self.file = file
    }

    mutating func entries() throws -> [OptionsFile.Entry] {
        var entries: [OptionsFile.Entry] = []
        var seen: Set<String> = []
        while true {
            skipBlankLinesAndComments()
            guard let first = current else { return entries }
            if first == "[" { throw failure("a `key = value` line (tables such as [name] are not used: options go at the top level)") }
            let keyLine = line, keyColumn = column
            let key = try readKey()
            skipSpaces()
            if current == "." { throw failure("`=` after the key (dotted keys are not used: options go at the top level)") }
            try expect("=", "`=` after the key \(key)")
            skipSpaces()
            let value = try readValue()
            skipSpaces()
            skipComment()
            if let next = current, next != "\n", next != "\r" { throw failure("the end of the line after the value of \(key)") }
            let entry = OptionsFile.Entry(key: key, value: value, line: keyLine)
            guard seen.insert(entry.key).inserted else {
                throw DatasetError(file: file, position: .line(keyLine, column: keyColumn), expected: "each key once",
                                   found: "\(key) again")
            }
            entries.append(entry)
        }
    }

    // MARK: Keys and values

    private mutating func readKey() throws -> String {
        switch current {
        case "\""?: return try readBasicString()
        case "'"?: return try readLiteralString()
        default:
            let key = readWhile { Self.isBareKey($0) }
            guard !key.isEmpty else { throw failure("a key (letters, digits, - and _, or a quoted string)") }
            return key
        }
    }

    private mutating func readValue() throws -> OptionsFile.Value {
        switch current {
        case "\""?: return .string(try readBasicString())
        case "'"?: return .string(try readLiteralString())
        case "["?: return .array(try readArray())
        case nil, "\n"?, "\r"?, "#"?: throw failure("a value")
        default: return try readScalar()
        }
    }

    private mutating func readArray() throws -> [OptionsFile.Value] {
        advance()  // [
        var elements: [OptionsFile.Value] = []
        while true {
            skipBlankLinesAndComments()
            if current == "]" { advance(); return elements }
            guard current != nil else { throw failure("`]` closing the array") }
            elements.append(try readValue())
            skipBlankLinesAndComments()
            switch current {
            case ","?: advance()
            case "]"?: advance(); return elements
            default: throw failure("`,` or `]` in the array")
            }
        }
    }

    /// A boolean or a number: everything up to a space, comma, bracket, comment or line end.
    private mutating func readScalar() throws -> OptionsFile.Value {
        let column = self.column
        let token = readWhile { !" \t\r\n,]#".unicodeScalars.contains($0) }
        if token == "true" { return .boolean(true) }
        if token == "false" { return .boolean(false) }
        if let number = Self.number(token) { return number }
        throw DatasetError(file: file, position: .line(line, column: column),
                           expected: "a string in quotes, a number, true, false or an array", found: "\"\(token)\"")
    }

    /// TOML's decimal integers and floats; underscores only between digits.
    static func number(_ token: String) -> OptionsFile.Value? {
        let unsigned = token.hasPrefix("+") || token.hasPrefix("-") ? String(token.dropFirst()) : token
        let negative = token.hasPrefix("-")
        if unsigned == "inf" { return .float(negative ? -.infinity : .infinity) }
        if unsigned == "nan" { return .float(.nan) }
        let parts = Array(unsigned.unicodeScalars)
        for (offset, scalar) in parts.enumerated() where scalar == "_" {
            guard offset > 0, offset + 1 < parts.count, isDigit(parts[offset - 1]), isDigit(parts[offset + 1]) else { return nil }
        }
        let plain = unsigned.replacingOccurrences(of: "_", with: "")
        guard let first = plain.unicodeScalars.first, isDigit(first) else { return nil }
        let integerDigits = plain.unicodeScalars.prefix(while: isDigit)
        if integerDigits.count > 1 && integerDigits.first == "0" { return nil }  // no leading zeros
        if integerDigits.count == plain.unicodeScalars.count { return Int64((negative ? "-" : "") + plain).map { .integer($0) } }
        let fractionOK = plain.range(of: #"^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil
        guard fractionOK, let value = Double((negative ? "-" : "") + plain) else { return nil }
        return .float(value)
    }

    private mutating func readBasicString() throws -> String {
        if lookingAt("\"\"\"") { throw failure("a one-line string (multi-line strings are not used)") }
        advance()
        var text = String.UnicodeScalarView()
        while let scalar = current {
            advance()
            switch scalar {
            case "\"": return String(text)
            case "\\": text.append(try readEscape())
            case "\n", "\r": throw failure("`\"` closing the string before the end of the line")
            default: text.append(scalar)
            }
        }
        throw failure("`\"` closing the string")
    }

    private mutating func readEscape() throws -> Unicode.Scalar {
        guard let scalar = current else { throw failure("an escape after `\\`") }
        advance()
        switch scalar {
        case "\"": return "\""
        case "\\": return "\\"
        case "b": return "\u{8}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{C}"
        case "r": return "\r"
        case "u", "U":
            let digits = readCount(scalar == "u" ? 4 : 8)
            guard let code = UInt32(digits, radix: 16), let decoded = Unicode.Scalar(code) else {
                throw failure("\(scalar == "u" ? 4 : 8) hexadecimal digits of a Unicode scalar after \\\(scalar)")
            }
            return decoded
        default:
            throw failure("one of \\\" \\\\ \\b \\t \\n \\f \\r \\u \\U", found: "\\\(scalar)")
        }
    }

    private mutating func readLiteralString() throws -> String {
        if lookingAt("'''") { throw failure("a one-line string (multi-line strings are not used)") }
        advance()
        let text = readWhile { $0 != "'" && $0 != "\n" && $0 != "\r" }
        guard current == "'" else { throw failure("`'` closing the string before the end of the line") }
        advance()
        return text
    }

    // MARK: Scanning

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    private var column: Int { index - lineStart + 1 }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    private mutating func readWhile(_ accept: (Unicode.Scalar) -> Bool) -> String {
        var text = String.UnicodeScalarView()
        while let scalar = current, accept(scalar) {
            text.append(scalar)
            advance()
        }
        return String(text)
    }

    private mutating func readCount(_ count: Int) -> String {
        var taken = 0
        return readWhile { _ in
            taken += 1
            return taken <= count
        }
    }

    private func lookingAt(_ text: String) -> Bool {
        let wanted = Array(text.unicodeScalars)
        return index + wanted.count <= scalars.count && Array(scalars[index..<index + wanted.count]) == wanted
    }

    private mutating func skipSpaces() {
        while current == " " || current == "\t" { advance() }
    }

    private mutating func skipComment() {
        if current == "#" { _ = readWhile { $0 != "\n" } }
    }

    private mutating func skipBlankLinesAndComments() {
        while true {
            skipSpaces()
            skipComment()
            guard current == "\n" || current == "\r" else { return }
            advance()
        }
    }

    private mutating func expect(_ scalar: Unicode.Scalar, _ expected: String) throws {
        guard current == scalar else { throw failure(expected) }
        advance()
    }

    private func failure(_ expected: String, found: String? = nil) -> DatasetError {
        let shown = found ?? current.map { $0 == "\n" ? "the end of the line" : "\"\($0)\"" } ?? "the end of the file"
        return DatasetError(file: file, position: .line(line, column: column), expected: expected, found: shown)
    }

    private static func isBareKey(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "-" || scalar == "_"
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}
