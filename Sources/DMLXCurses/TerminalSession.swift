import DMLXTerm
import Glibc
import Synchronization

/// Runs a terminal UI and guarantees that the terminal is usable afterwards, however the
/// program leaves it.
///
/// | way out | what happens |
/// | --- | --- |
/// | `body` returns or throws | `CursesBackend.restore` (endwin) |
/// | `exit()` called inside `body` | an `atexit` hook restores the terminal |
/// | Ctrl-C (SIGINT) | read by the UI as the key `.ctrl("c")`, then as above; a second Ctrl-C the UI has not read forces the SIGTERM path |
/// | SIGTERM, SIGHUP, SIGQUIT | restored from the handler, then the process dies by the signal |
/// | crash (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE) | restored from the handler, then the crash proceeds (backtrace, exit status of the signal) |
///
/// What the program writes to standard error meanwhile is held back and printed after the
/// terminal is restored (see `StandardErrorCapture`). Handlers never draw (see
/// `SignalHandlers`); a resize reaches the UI as the key `.resize`. One session at a time.
public enum TerminalSession {
    private static let active = Atomic<Bool>(false)
    private static let exitHookRegistered = Atomic<Bool>(false)

    /// Starts curses, runs `body` with the backend, and restores the terminal. Throws
    /// `CursesError` when the terminal UI cannot start (nothing has been written to the
    /// terminal then), and rethrows what `body` throws.
    public static func run<Result>(palette: Palette = .standard, _ body: (CursesBackend) throws -> Result) throws -> Result {
        precondition(!active.exchange(true, ordering: .acquiringAndReleasing), "a terminal session is already running")
        defer { active.store(false, ordering: .releasing) }
        registerExitHook()
        // Before `newterm`, which installs curses' own SIGINT/SIGTERM handlers (restore
        // and exit at once) only where the disposition is still the default.
        SignalHandlers.install()
        defer { SignalHandlers.uninstall() }
        let backend = try CursesBackend(palette: palette)
        StandardErrorCapture.begin()
        defer {
            backend.restore()
            StandardErrorCapture.release()
        }
        return try body(backend)
    }

    private static func registerExitHook() {
        guard !exitHookRegistered.exchange(true, ordering: .acquiringAndReleasing) else { return }
        atexit {
            EmergencyRestore.perform()
            StandardErrorCapture.release()
        }
    }
}
