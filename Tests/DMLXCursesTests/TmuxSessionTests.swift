import DMLXTestSupport
import Foundation
import Testing

@Suite(.enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct TmuxSessionTests {
    @Test func typesTextAndReadsTheAnswerAndTheExitStatus() throws {
        let session = try TmuxSession(command: ["sh", "-c", "echo ready; read x; echo got:$x; exit 3"], width: 40, height: 6)
        try session.waitFor(text: "ready")
        #expect(session.exitStatus == nil)
        try session.sendText("héllo wörld")
        try session.sendKeys("Enter")
        let screen = try session.waitFor(text: "got:")
        #expect(screen.contains("got:héllo wörld"))
        #expect(try session.waitForExit() == .exited(3))
        #expect(session.exitStatus == 3)
    }

    @Test func paneHasTheRequestedSizeAndTerminalType() throws {
        let session = try TmuxSession(command: ["sh", "-c", "echo size:$(tput cols)x$(tput lines):$TERM:$DMLX_PROBE; sleep 30"],
                                      width: 57, height: 13, environment: ["DMLX_PROBE": "set"])
        let screen = try session.waitFor(text: "size:")
        #expect(screen.contains("size:57x13:tmux-256color:set"))
        #expect(try session.capture().count <= 13)
    }

    @Test func captureKeepsColoursOnRequest() throws {
        let session = try TmuxSession(command: ["sh", "-c", "printf 'plain \\033[31mred\\033[0m\\n'; sleep 30"], width: 30, height: 4)
        try session.waitFor(text: "red")
        #expect(try session.capture().first == "plain red")
        #expect(try session.capture(escapes: true).first?.contains("\u{1B}[31mred") == true)
    }

    @Test func resizeReachesTheProgram() throws {
        let session = try TmuxSession(command: ["sh", "-c", "trap 'echo now:$(tput cols)x$(tput lines)' WINCH; echo ready; while :; do sleep 0.05; done"],
                                      width: 40, height: 10)
        try session.waitFor(text: "ready")
        try session.resize(width: 70, height: 20)
        try session.waitFor(text: "now:70x20")
    }

    @Test func namedKeysAndSignals() throws {
        let session = try TmuxSession(command: ["cat", "-v"], width: 40, height: 6)
        try session.sendKeys("a", "Space", "b", "Escape", "Enter")
        try session.waitFor(text: "a b^[")
        try session.sendKeys("C-c")
        #expect(try session.waitForExit() == .signaled(SIGINT))
        #expect(session.exitStatus == 128 + SIGINT)
    }

    @Test func killedProgramReportsItsSignal() throws {
        let session = try TmuxSession(command: ["sh", "-c", "echo ready; exec sleep 30"], width: 40, height: 6)
        try session.waitFor(text: "ready")
        kill(try session.processID(), SIGTERM)
        #expect(try session.waitForExit() == .signaled(SIGTERM))
    }

    @Test func timeoutNamesWhatWasAwaitedAndShowsTheScreen() throws {
        let session = try TmuxSession(command: ["sh", "-c", "echo something else; sleep 30"], width: 40, height: 6)
        try session.waitFor(text: "something")
        #expect {
            try session.waitFor(text: "never", timeout: .milliseconds(100))
        } throws: { error in
            "\(error)".contains("\"never\"") && "\(error)".contains("something else")
        }
    }

    @Test func killEndsTheSession() throws {
        let session = try TmuxSession(command: ["sleep", "30"], width: 20, height: 4)
        session.kill()
        #expect(throws: TmuxSession.Failure.self) { try session.capture() }
    }
}
