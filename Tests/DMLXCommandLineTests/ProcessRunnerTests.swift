import DMLXTestSupport
import Foundation
import Testing

/// The helper every other test here relies on: it must tell a clean failure from a crash,
/// capture both streams whole, and end a hang at its deadline.
@Suite struct ProcessRunnerTests {
    static let shell = URL(fileURLWithPath: "/bin/sh")

    @Test func capturesBothStreamsAndTheExitStatus() throws {
        let result = try ProcessRunner.run(Self.shell, arguments: ["-c", "echo out; echo err >&2; exit 3"])
        #expect(result.termination == .exited(3))
        #expect(result.failedCleanly)
        #expect(result.standardOutput == "out\n")
        #expect(result.standardError == "err\n")
    }

    /// More than a pipe's buffer on each stream at once.
    @Test func capturesLargeOutputWithoutBlocking() throws {
        let result = try ProcessRunner.run(Self.shell, arguments: ["-c", "yes abc | head -c 300000; yes d | head -c 200000 >&2"])
        #expect(result.succeeded)
        #expect(result.standardOutput.utf8.count == 300_000)
        #expect(result.standardError.utf8.count == 200_000)
    }

    @Test func aCrashIsASignalNotAnExitStatus() throws {
        let result = try ProcessRunner.run(Self.shell, arguments: ["-c", "kill -SEGV $$"])
        #expect(result.termination == .signalled(SIGSEGV))
        #expect(!result.failedCleanly)
    }

    @Test func aHangEndsAtTheDeadline() throws {
        let start = ContinuousClock.now
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/bin/sleep"), arguments: ["30"], timeout: .milliseconds(300))
        #expect(result.termination == .timedOut)
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func runsInTheGivenDirectoryWithTheGivenEnvironment() throws {
        let directory = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
        let result = try ProcessRunner.run(Self.shell, arguments: ["-c", "pwd; echo $DMLX_PROBE"], in: directory,
                                           environment: ["DMLX_PROBE": "42"])
        #expect(result.outputLines == [directory.path, "42"])
    }
}
