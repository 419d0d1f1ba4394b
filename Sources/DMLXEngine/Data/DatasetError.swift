import Foundation

/// What went wrong reading a data source, told in one line that names the file, the
/// position in it and what was expected there, e.g.
/// `iris.csv: line 12, column 3: expected a number, found "abc"` or
/// `train-images-idx3-ubyte: byte 0: expected IDX magic 0x00000803, found 0x00000801`.
///
/// Loaders never return a partial result: the first malformed place ends the load with
/// this error, and the command line prints `description` and exits non-zero.
public struct DatasetError: Error, CustomStringConvertible, LocalizedError, Equatable, Sendable {
    /// Where in the source the problem sits.
    public enum Position: Equatable, Sendable {
        /// Not tied to a place in a file (a missing directory, a split that needs more classes).
        case none
        /// A 1-based line, and optionally a 1-based column (field) on it.
        case line(Int, column: Int?)
        /// A 0-based byte offset in the file as stored.
        case byte(Int)
        /// A 0-based byte offset in the data after gzip decompression.
        case decompressedByte(Int)
    }

    /// The file, directory or data set name, as the user gave it.
    public var file: String
    public var position: Position
    /// What the loader expected at `position`.
    public var expected: String
    /// What it found instead, when that helps (already quoted if it is text).
    public var found: String?

    public init(file: String, position: Position, expected: String, found: String? = nil) {
        self.file = file
        self.position = position
        self.expected = expected
        self.found = found
    }

    public var description: String {
        var text = file
        switch position {
        case .none: break
        case .line(let line, nil): text += ": line \(line)"
        case .line(let line, let column?): text += ": line \(line), column \(column)"
        case .byte(let offset): text += ": byte \(offset)"
        case .decompressedByte(let offset): text += ": byte \(offset) (after gzip decompression)"
        }
        text += ": expected \(expected)"
        if let found { text += ", found \(found)" }
        return text
    }

    public var errorDescription: String? { description }
}
