import Foundation
import Testing
import DMLXEngine

/// A fresh directory for the malformed files a test writes, removed when released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "dmlx-data-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The path of `name` in this directory.
    func path(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Writes `bytes` to `name` in this directory and returns the file's path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    @discardableResult
    func write(_ name: String, text: String) throws -> String {
        try write(name, Array(text.utf8))
    }
}

/// The path of a committed fixture under Fixtures/data.
func fixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/data"))
    return url.path
}

/// The raw bytes of a committed fixture.
func fixtureBytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: try fixture(name))))
}

/// Runs `body`, requires a `DatasetError` at `position` naming `file`, and that its message
/// contains every one of `phrases`.
func expectDatasetError(file: String, at position: DatasetError.Position, mentioning phrases: [String] = [],
                        sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected a DatasetError at \(position), but loading succeeded", sourceLocation: sourceLocation)
    } catch let error as DatasetError {
        #expect(error.file == file, sourceLocation: sourceLocation)
        #expect(error.position == position, "\(error)", sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix(file + ": "), sourceLocation: sourceLocation)
        for phrase in phrases {
            #expect(error.description.contains(phrase), "\(error) lacks \"\(phrase)\"", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("expected a DatasetError, got \(error)", sourceLocation: sourceLocation)
    }
}
