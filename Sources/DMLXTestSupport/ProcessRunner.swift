import Foundation

/// Runs an executable to completion and captures its output, with a deadline so that a
/// hanging command fails its test instead of hanging CI.
///
/// Output goes to temporary files rather than pipes: a child that fills a pipe's buffer
/// (64 KiB) blocks until someone reads it, and reading two pipes without deadlock needs
/// threads; files need neither.
public enum ProcessRunner {
    /// Runs `executable` with `arguments` in `directory` (default: the current one), its
    /// environment this process's plus `environment`, and waits up to `timeout`; a process
    /// still running then is sent SIGTERM, then SIGKILL (the process only: `executable`
    /// should not leave children of its own behind).
    public static func run(_ executable: URL, arguments: [String], in directory: URL? = nil,
                           environment: [String: String] = [:], timeout: Duration = .seconds(120)) throws -> ProcessResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dmlx-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputURL = scratch.appendingPathComponent("stdout")
        let errorURL = scratch.appendingPathComponent("stderr")
        let output = try emptyFile(at: outputURL)
        let error = try emptyFile(at: errorURL)
        defer {
            try? output.close()
            try? error.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = error
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()

        let termination = wait(for: process, finished: finished, timeout: timeout)
        return ProcessResult(termination: termination, standardOutput: try text(of: outputURL),
                             standardError: try text(of: errorURL))
    }

    /// How `process` ended, once `finished` is signalled, or `.timedOut` after ending it.
    private static func wait(for process: Process, finished: DispatchSemaphore,
                             timeout: Duration) -> ProcessResult.Termination {
        guard finished.wait(timeout: deadline(after: timeout)) == .timedOut else {
            return process.terminationReason == .uncaughtSignal
                ? .signalled(process.terminationStatus) : .exited(process.terminationStatus)
        }
        process.terminate()
        if finished.wait(timeout: deadline(after: .seconds(5))) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            // Foundation may report the end only once grandchildren holding the child's
            // descriptors end too; do not wait for them.
            _ = finished.wait(timeout: deadline(after: .seconds(5)))
        }
        return .timedOut
    }

    private static func emptyFile(at url: URL) throws -> FileHandle {
        try Data().write(to: url)
        return try FileHandle(forWritingTo: url)
    }

    /// The file's bytes as UTF-8, invalid sequences replaced rather than failing the read.
    private static func text(of url: URL) throws -> String {
        String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    private static func deadline(after duration: Duration) -> DispatchTime {
        let (seconds, attoseconds) = duration.components
        return .now() + .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
    }
}
