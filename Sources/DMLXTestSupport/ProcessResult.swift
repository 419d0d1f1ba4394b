/// What a child process run by `ProcessRunner` left behind: how it ended and everything it
/// wrote to standard output and standard error.
public struct ProcessResult: Sendable, CustomStringConvertible {
    /// How the process ended. A crash (a Swift trap is SIGILL or SIGTRAP) is `signalled`,
    /// never `exited`, so a test can tell "failed cleanly" from "died".
    public enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// Still running at the deadline, then killed.
        case timedOut
    }

    public var termination: Termination
    public var standardOutput: String
    public var standardError: String

    public init(termination: Termination, standardOutput: String, standardError: String) {
        self.termination = termination
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// Exited normally with status 0.
    public var succeeded: Bool { termination == .exited(0) }

    /// Exited normally with a non-zero status: the way a command must report bad input.
    public var failedCleanly: Bool {
        if case .exited(let status) = termination { return status != 0 }
        return false
    }

    /// The non-empty lines of standard output.
    public var outputLines: [String] {
        standardOutput.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// A summary for test failure messages.
    public var description: String {
        "\(termination); stdout: \(standardOutput.prefix(2000)); stderr: \(standardError.prefix(2000))"
    }
}
