import Synchronization
import Glibc

/// The signal handlers that keep the terminal usable while curses owns it.
///
/// - SIGINT (Ctrl-C; the terminal is in cbreak mode, so the tty driver turns Ctrl-C into
///   SIGINT) is a request: the handler only counts it, and `CursesBackend.readKey` reports
///   it as the key `.ctrl("c")`, so the UI quits by its normal path and the terminal is
///   restored by `TerminalSession`. A second SIGINT before the first was read means the
///   UI is not reading keys (it hangs): it is then treated like SIGTERM.
/// - SIGTERM, SIGHUP and SIGQUIT end the program now: restore the terminal, then deliver
///   the signal again to its previous disposition (normally the default, so the process
///   dies by that signal and its parent sees why).
/// - SIGSEGV, SIGBUS, SIGILL, SIGTRAP (Swift runtime traps), SIGABRT and SIGFPE: restore
///   the terminal, reinstate the previous handler (the Swift runtime's backtracer, or the
///   default) and let the signal happen again, so the crash report lands on the restored
///   screen and the exit status still says "crashed".
///
/// Handlers never draw; they use only async-signal-safe calls (`EmergencyRestore.perform`,
/// `StandardErrorCapture.release`, `sigaction`, `raise`) and atomics. A signal the program
/// ignored before (SIGHUP under `nohup`) stays ignored. SIGWINCH and SIGTSTP are left to
/// curses, which turns a resize into KEY_RESIZE and suspends and repaints around Ctrl-Z.
enum SignalHandlers {
    static let terminating: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    static let crashing: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    /// SIGINTs received and not yet read as `.ctrl("c")`.
    private static let pendingInterrupts = Atomic<Int>(0)
    private static let signalSlots = 65
    nonisolated(unsafe) private static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: signalSlots)
    nonisolated(unsafe) private static var installed: [Int32] = []
    /// A stack for the handlers, so that a stack overflow (SIGSEGV on the guard page) can
    /// still restore the terminal.
    private static let alternateStackSize = 64 * 1024
    nonisolated(unsafe) private static let alternateStack = UnsafeMutableRawPointer.allocate(byteCount: alternateStackSize, alignment: 16)

    /// Installs the handlers, remembering the previous dispositions.
    static func install() {
        pendingInterrupts.store(0, ordering: .relaxed)
        provideAlternateStack()
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = handle
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART
        for signal in terminating + crashing {
            var current = sigaction()
            sigaction(signal, nil, &current)
            if terminating.contains(signal) && isIgnored(current) { continue }
            previous[Int(signal)] = current
            sigaction(signal, &action, nil)
            installed.append(signal)
        }
    }

    /// Puts back the dispositions `install` replaced.
    static func uninstall() {
        for signal in installed { sigaction(signal, previous + Int(signal), nil) }
        installed = []
    }

    /// Whether a SIGINT arrived since the last call (consuming it).
    static func takeInterrupt() -> Bool {
        pendingInterrupts.load(ordering: .relaxed) > 0 && pendingInterrupts.exchange(0, ordering: .acquiringAndReleasing) > 0
    }

    private static let handle: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = { signal, info, _ in
        if signal == SIGINT && pendingInterrupts.wrappingAdd(1, ordering: .acquiringAndReleasing).oldValue == 0 { return }
        EmergencyRestore.perform()
        StandardErrorCapture.release()
        sigaction(signal, previous + Int(signal), nil)
        // A fault raised by the CPU (si_code > 0) recurs when the handler returns, now with
        // its original context for the backtracer; a signal sent by kill or raise must be
        // sent again.
        let sentByProcess = (info?.pointee.si_code ?? 0) <= 0
        if sentByProcess || !isCrash(signal) { raise(signal) }
    }

    /// `crashing.contains(signal)` without touching an array from a handler.
    private static func isCrash(_ signal: Int32) -> Bool {
        switch signal {
        case SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE: true
        default: false
        }
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == 1
    }

    private static func provideAlternateStack() {
        var current = stack_t()
        guard sigaltstack(nil, &current) == 0, current.ss_flags & Int32(SS_DISABLE) != 0 else { return }
        var stack = stack_t(ss_sp: alternateStack, ss_flags: 0, ss_size: alternateStackSize)
        sigaltstack(&stack, nil)
    }
}
