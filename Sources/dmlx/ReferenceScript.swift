import Foundation

/// A script of `Scripts/reference/` that a benchmark runs in the peers' Python: found in
/// the repository the command runs in, else in the one it was built from.
enum ReferenceScript {
    static func locate(_ name: String) throws -> URL {
        let relative = "Scripts/reference/" + name
        let candidates = [URL(fileURLWithPath: relative),
                          URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../" + relative).standardized]
        guard let script = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw CommandFailure("\(relative): not found (run the benchmark with --peers from the repository)")
        }
        return script
    }
}
