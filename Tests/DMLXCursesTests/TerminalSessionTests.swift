import DMLXCurses
import Glibc
import Testing

/// The session can only be started for real inside a terminal (see the tmux end-to-end
/// tests of the app); here it runs where it must refuse: without a terminal on standard
/// input or output, as under CI. In an interactive `swift test` the test is skipped, so
/// that it never takes over the developer's terminal.
@Suite struct TerminalSessionTests {
    static let withoutTerminal = isatty(STDIN_FILENO) == 0 || isatty(STDOUT_FILENO) == 0

    @Test(.enabled(if: withoutTerminal))
    func refusesWithoutATerminalAndPutsTheSignalHandlersBack() throws {
        let signals = [SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGILL, SIGABRT]
        let before = signals.map(Self.disposition)
        var bodyRan = false
        #expect(throws: CursesError.notATerminal) {
            try TerminalSession.run { _ in bodyRan = true }
        }
        #expect(!bodyRan)
        #expect(signals.map(Self.disposition) == before)
    }

    @Test(.enabled(if: withoutTerminal))
    func backendRefusesWithoutATerminal() {
        #expect(throws: CursesError.notATerminal) { try CursesBackend() }
    }

    /// The handler address of `signal`'s current disposition.
    static func disposition(_ signal: Int32) -> Int {
        var action = sigaction()
        sigaction(signal, nil, &action)
        return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
    }
}
