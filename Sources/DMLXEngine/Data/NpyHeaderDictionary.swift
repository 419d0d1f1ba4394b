/// A reader for the one Python literal a `.npy` header holds: a dict whose keys are
/// strings and whose values are strings, `True`/`False` or tuples of integers. Anything
/// else (lists, as in structured dtypes) is an error at its byte offset.
struct NpyHeaderDictionary {
    enum Value: Equatable {
        case text(String)
        case flag(Bool)
        case tuple([Int])
    }

    let bytes: ArraySlice<UInt8>
    let file: String
    private var index: Int

    init(bytes: ArraySlice<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
        self.index = bytes.startIndex
    }

    mutating func parse() throws -> [String: Value] {
        var entries: [String: Value] = [:]
        try expect("{")
        while try peek() != UInt8(ascii: "}") {
            let key = try quotedText()
            try expect(":")
            entries[key] = try value()
            if try peek() == UInt8(ascii: ",") { index += 1 }
        }
        return entries
    }

    private mutating func value() throws -> Value {
        switch try peek() {
        case UInt8(ascii: "'"), UInt8(ascii: "\""): return .text(try quotedText())
        case UInt8(ascii: "("): return .tuple(try integerTuple())
        case UInt8(ascii: "T"): try word("True"); return .flag(true)
        case UInt8(ascii: "F"): try word("False"); return .flag(false)
        default: throw failure("a string, True, False or a tuple of integers")
        }
    }

    private mutating func integerTuple() throws -> [Int] {
        try expect("(")
        var values: [Int] = []
        while try peek() != UInt8(ascii: ")") {
            let start = index
            while index < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard let value = Int(String(decoding: bytes[start..<index], as: UTF8.self)) else {
                index = start
                throw failure("a non-negative integer dimension")
            }
            values.append(value)
            if try peek() == UInt8(ascii: ",") { index += 1 }
        }
        index += 1
        return values
    }

    private mutating func quotedText() throws -> String {
        let quote = try peek()
        guard quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else { throw failure("a quoted string") }
        index += 1
        let start = index
        while index < bytes.endIndex, bytes[index] != quote { index += 1 }
        guard index < bytes.endIndex else { throw failure("a closing quote") }
        defer { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func word(_ word: String) throws {
        guard bytes[index...].starts(with: word.utf8) else { throw failure(word) }
        index += word.utf8.count
    }

    private mutating func expect(_ character: Character) throws {
        guard try peek() == character.asciiValue else { throw failure("'\(character)'") }
        index += 1
    }

    /// The next byte that is not white space; the end of the header is an error.
    private mutating func peek() throws -> UInt8 {
        while index < bytes.endIndex, [0x20, 0x0A, 0x09, 0x0D].contains(bytes[index]) { index += 1 }
        guard index < bytes.endIndex else { throw failure("more of the header dictionary") }
        return bytes[index]
    }

    private func failure(_ expected: String) -> DatasetError {
        let found = index < bytes.endIndex
            ? "\"\(String(decoding: bytes[index...].prefix(20), as: UTF8.self))\""
            : "the end of the header"
        return DatasetError(file: file, position: .byte(index), expected: "\(expected) in the .npy header", found: found)
    }
}
