import DMLXTerm
import Foundation
import Testing

/// Compares a rendered buffer with a text snapshot stored in a `Snapshots` directory next
/// to the calling test file (found through `#filePath`), as `<name>.txt` holding
/// `buffer.lines` and, with `includeStyles`, `<name>.styles.txt` holding `buffer.styleLines`.
///
/// With the environment variable DMLX_RECORD_SNAPSHOTS=1 the snapshots are written (or
/// overwritten) instead and the test fails, so that a recording is never mistaken for a
/// pass: look at the files, then run again without the variable.
public func assertSnapshot(
    _ buffer: Buffer, named name: String, includeStyles: Bool = false,
    file: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) {
    let directory = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Snapshots")
    var layers = [("txt", buffer.lines)]
    if includeStyles { layers.append(("styles.txt", buffer.styleLines)) }
    let recording = ProcessInfo.processInfo.environment["DMLX_RECORD_SNAPSHOTS"] == "1"
    for (suffix, lines) in layers {
        let url = directory.appendingPathComponent("\(name).\(suffix)")
        let text = lines.joined(separator: "\n") + "\n"
        if recording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
                Issue.record("recorded snapshot \(url.path); check it by eye, then run without DMLX_RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot write snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            continue
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing snapshot \(url.path); record it with DMLX_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            continue
        }
        if expected != text {
            Issue.record(Comment(rawValue: snapshotMismatch(name: "\(name).\(suffix)", expected: expected, actual: text)), sourceLocation: sourceLocation)
        }
    }
}

/// A readable account of where two snapshot texts differ: the first differing lines.
private func snapshotMismatch(name: String, expected: String, actual: String) -> String {
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var report = ["snapshot \(name) differs (re-record with DMLX_RECORD_SNAPSHOTS=1 if the change is intended):"]
    for index in 0..<max(expectedLines.count, actualLines.count) {
        let wanted = index < expectedLines.count ? String(expectedLines[index]) : "<none>"
        let got = index < actualLines.count ? String(actualLines[index]) : "<none>"
        guard wanted != got else { continue }
        report += ["line \(index + 1):", "  expected: \(wanted)", "  actual:   \(got)"]
        if report.count > 16 { break }
    }
    return report.joined(separator: "\n")
}
