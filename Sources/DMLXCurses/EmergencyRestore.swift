import CNcursesw
import Synchronization
import Glibc

/// Puts the terminal back the way the shell had it, from a signal handler.
///
/// `endwin` is not async-signal-safe (a crash or a kill may land in the middle of a curses
/// update, or inside `malloc`), so what it would do is prepared in advance: the shell's tty
/// modes, saved before curses changed them, and the terminfo strings that switch off
/// attributes, mouse reporting and keypad mode, show the cursor and leave the alternate
/// screen. `perform` then needs only `write` and `tcsetattr`, both async-signal-safe.
///
/// The state lives in memory allocated once and never freed, so that a handler running on
/// another thread never reads memory being replaced.
enum EmergencyRestore {
    /// Set while curses owns the terminal; `perform` clears it, so it acts at most once.
    private static let armed = Atomic<Bool>(false)
    nonisolated(unsafe) private static let shellMode = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    nonisolated(unsafe) private static let sequence = UnsafeMutablePointer<UInt8>.allocate(capacity: sequenceCapacity)
    nonisolated(unsafe) private static var sequenceLength = 0
    nonisolated(unsafe) private static var hasShellMode = false
    private static let sequenceCapacity = 512

    /// Saves the tty modes of standard input; called before curses changes them.
    static func saveShellMode() {
        hasShellMode = tcgetattr(STDIN_FILENO, shellMode) == 0
    }

    /// Records the escape sequences that undo curses' terminal modes; called once the
    /// terminal description is loaded (after `newterm`). `mouse` says whether mouse
    /// reporting was switched on.
    static func prepareSequence(mouse: Bool) {
        var bytes = capability("sgr0")
        if mouse { bytes += mouseOffSequence() }
        bytes += capability("rmkx") + capability("cnorm")
        let exitAlternateScreen = capability("rmcup")
        bytes += exitAlternateScreen.isEmpty ? Array("\r\n".utf8) : exitAlternateScreen
        sequenceLength = min(bytes.count, sequenceCapacity)
        sequence.update(from: bytes, count: sequenceLength)
    }

    static func arm() { armed.store(true, ordering: .releasing) }
    static func disarm() { armed.store(false, ordering: .releasing) }

    /// Restores the shell's terminal modes if curses owns the terminal. Async-signal-safe.
    static func perform() {
        guard armed.exchange(false, ordering: .acquiringAndReleasing) else { return }
        var written = 0
        while written < sequenceLength {
            let result = write(STDOUT_FILENO, sequence + written, sequenceLength - written)
            if result <= 0 { break }
            written += result
        }
        if hasShellMode { _ = tcsetattr(STDIN_FILENO, TCSANOW, shellMode) }
    }

    /// What ncurses sends to stop mouse reporting: the terminal's XM string with parameter 0
    /// when it has one, the xterm sequence when the terminal has a mouse key at all.
    private static func mouseOffSequence() -> [UInt8] {
        if let xm = dmlx_terminfo_string("XM") { return bytes(of: dmlx_tparm1(xm, 0)) }
        return dmlx_terminfo_string("kmous") == nil ? [] : Array("\u{1B}[?1000l".utf8)
    }

    private static func capability(_ name: String) -> [UInt8] {
        bytes(of: dmlx_terminfo_string(name))
    }

    /// The bytes of a terminfo string without its padding specifications (`$<5>`, `$<2*/>`),
    /// which `tputs` turns into delays and a raw write would print.
    static func bytes(of string: UnsafePointer<CChar>?) -> [UInt8] {
        guard let string else { return [] }
        var result: [UInt8] = []
        var padding = false
        let raw = UnsafeBufferPointer(start: string, count: strlen(string)).map { UInt8(bitPattern: $0) }
        for (index, byte) in raw.enumerated() {
            if padding {
                padding = byte != UInt8(ascii: ">")
            } else if byte == UInt8(ascii: "$") && index + 1 < raw.count && raw[index + 1] == UInt8(ascii: "<") {
                padding = true
            } else {
                result.append(byte)
            }
        }
        return result
    }
}
