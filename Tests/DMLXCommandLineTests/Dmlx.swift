import DMLXTestSupport
import Foundation
import Testing

/// The `dmlx` executable built by the same `swift build` / `swift test` as these tests.
///
/// SwiftPM puts every product of a configuration in one directory, this target's resource
/// bundle included, so the executable is the bundle's sibling. `swift build --build-tests`
/// and `swift test` both build it along with the tests.
enum Dmlx {
    static let executable = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("dmlx")

    /// Generous for 2 busy cores: every command here takes well under a few seconds, so only
    /// a hang reaches it.
    static let timeout = Duration.seconds(120)

    /// Runs `dmlx arguments…` in `directory` with single-threaded OpenBLAS (busy-spinning BLAS
    /// threads would make parallel tests crawl); fails the test if the binary is missing or
    /// the command hangs.
    static func run(_ arguments: [String], in directory: URL? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessResult {
        try #require(FileManager.default.isExecutableFile(atPath: executable.path),
                     "no dmlx executable at \(executable.path): build it in the tests' configuration (swift build -c release --build-tests)",
                     sourceLocation: sourceLocation)
        let result = try ProcessRunner.run(executable, arguments: arguments, in: directory,
                                           environment: ["OPENBLAS_NUM_THREADS": "1"], timeout: timeout)
        try #require(result.termination != .timedOut,
                     "dmlx \(arguments.joined(separator: " ")) still ran after \(timeout)", sourceLocation: sourceLocation)
        return result
    }

    /// Runs a command that must succeed and returns its `--json` records.
    static func records(_ arguments: [String], in directory: URL? = nil,
                        sourceLocation: SourceLocation = #_sourceLocation) throws -> [JSONRecord] {
        let result = try run(arguments, in: directory, sourceLocation: sourceLocation)
        try #require(result.succeeded, "dmlx \(arguments.joined(separator: " ")): \(result)", sourceLocation: sourceLocation)
        return try result.outputLines.map { try JSONRecord(line: $0, sourceLocation: sourceLocation) }
    }

    /// Starts `dmlx arguments…`, which must save to `checkpoint` as it trains, waits for the
    /// checkpoint to appear, lets it train 0.3 s more and kills it with SIGKILL wherever it is.
    static func killAfterFirstSave(_ arguments: [String], checkpoint: String) throws -> Process.TerminationReason {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ["OPENBLAS_NUM_THREADS": "1"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<400 where (try? Data(contentsOf: URL(fileURLWithPath: checkpoint)).count) ?? 0 == 0 {
            Thread.sleep(forTimeInterval: 0.025)
        }
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return process.terminationReason
    }

    /// The committed fixture directory `name` under Fixtures.
    static func fixtures(_ name: String) -> URL {
        Bundle.module.bundleURL.appendingPathComponent("Fixtures").appendingPathComponent(name)
    }
}
