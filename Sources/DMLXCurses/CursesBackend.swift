import CNcursesw
import DMLXTerm
import Glibc

/// The terminal through ncursesw: flushes buffer diffs with wide-character output and reads
/// keys, mouse clicks and resizes.
///
/// Input mode: cbreak (keys arrive one at a time, unechoed, with keypad decoding), so the
/// tty driver keeps its signals: Ctrl-Z suspends (curses' own SIGTSTP handler leaves and
/// repaints the screen) and Ctrl-C raises SIGINT, which `TerminalSession`'s handler turns
/// into the key `.ctrl("c")` (see `SignalHandlers`). Flow control (Ctrl-S / Ctrl-Q) is
/// switched off so that Ctrl-S cannot freeze the display.
///
/// Use it through `TerminalSession.run`, which restores the terminal on every way out.
/// Not thread-safe: draw and read keys from one thread (the UI loop's).
public final class CursesBackend: TerminalBackend {
    public let capability: ColorCapability
    public let glyphs: Glyphs
    public let palette: Palette
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var colorPairs: ColorPairCache
    /// Each style's attributes and colour pair, as resolved for this terminal.
    private var renditions: [Style: (attributes: attr_t, pair: Int16)] = [:]
    /// Delay curses waits after Esc for the rest of an escape sequence; curses' default of
    /// one second makes Esc feel stuck.
    private static let escapeDelayMilliseconds: Int32 = 25

    /// Takes over the terminal: checks that standard input and output are terminals (before
    /// writing anything, so a pipe never receives escape codes), sets the locale, starts
    /// curses with `newterm` (which, unlike `initscr`, reports an unknown TERM instead of
    /// exiting), and chooses colours and glyphs from what the terminal offers.
    ///
    /// Colours: none when the terminal has none or the environment sets NO_COLOR
    /// (https://no-color.org); otherwise `ColorCapability(colorCount: COLORS)`.
    public init(palette: Palette = .standard) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw CursesError.notATerminal }
        glyphs = TerminalLocale.configure()
        EmergencyRestore.saveShellMode()
        guard let screen = newterm(nil, dmlx_stdout(), dmlx_stdin()) else {
            throw CursesError.unknownTerminal(getenv("TERM").map { String(cString: $0) } ?? "")
        }
        self.screen = screen
        window = dmlx_stdscr()
        self.palette = palette
        let colored = has_colors() && getenv("NO_COLOR").map { $0.pointee == 0 } ?? true
        if colored && start_color() == OK {
            let defaults: (Int16, Int16) = use_default_colors() == OK ? (-1, -1) : (7, 0)
            capability = ColorCapability(colorCount: Int(dmlx_colors()))
            colorPairs = ColorPairCache(colorPairs: Int(dmlx_color_pairs()), defaultForeground: defaults.0, defaultBackground: defaults.1)
        } else {
            capability = .none
            colorPairs = ColorPairCache(colorPairs: 1)
        }
        let mouse = configureInput()
        leaveok(window, true)
        curs_set(0)
        EmergencyRestore.prepareSequence(mouse: mouse)
        EmergencyRestore.arm()
    }

    deinit {
        restore()
        delscreen(screen)
    }

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Writes each run's cells (skipping the trailing halves of wide characters) and shows
    /// the result; curses sends the terminal only what differs from what it shows.
    public func draw(_ diff: BufferDiff) {
        EmergencyRestore.arm()
        var character = cchar_t()
        withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: Int(CCHARW_MAX) + 1) { scalars in
            var lastStyle: Style?
            var rendition: (attributes: attr_t, pair: Int16) = (0, 0)
            for run in diff.runs {
                for (offset, cell) in run.cells.enumerated() where !cell.isContinuation {
                    if cell.style != lastStyle {
                        rendition = self.rendition(of: cell.style)
                        lastStyle = cell.style
                    }
                    Self.fill(&character, with: cell.symbol, rendition: rendition, scalars: scalars)
                    mvwadd_wch(window, Int32(run.y), Int32(run.x + offset), &character)
                }
            }
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// The next key, waiting at most `timeoutMilliseconds`. A pending Ctrl-C (SIGINT) comes
    /// first, as `.ctrl("c")`; a resize comes with the new size; nil on timeout or for keys
    /// the UI has no name for.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        if SignalHandlers.takeInterrupt() { return .ctrl("c") }
        wtimeout(window, Int32(clamping: max(0, timeoutMilliseconds)))
        var code: wint_t = 0
        let status = wget_wch(window, &code)
        if status == ERR && SignalHandlers.takeInterrupt() { return .ctrl("c") }
        switch CursesKeyDecoder.decode(status: status, code: UInt32(code)) {
        case .key(let key):
            return key
        case .resize:
            let (width, height) = size
            return .resize(width: width, height: height)
        case .mouse:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            return CursesKeyDecoder.mouseEvent(buttons: event.bstate, x: Int(event.x), y: Int(event.y)).map(Key.mouse)
        case .nothing:
            return nil
        }
    }

    /// Gives the terminal back to the shell: echo and line mode on, cursor visible, main
    /// screen. Idempotent; drawing again afterwards resumes curses.
    public func restore() {
        EmergencyRestore.disarm()
        if !isendwin() { endwin() }
    }

    /// Sets the input modes; returns whether the terminal reports the mouse.
    private func configureInput() -> Bool {
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(Self.escapeDelayMilliseconds)
        let mouse = mousemask(CursesKeyDecoder.reportedButtons, nil) != 0
        // Report a press at once instead of waiting to tell clicks from double clicks.
        mouseinterval(0)
        disableFlowControl()
        return mouse
    }

    /// Clears IXON and records the result as curses' program mode, so that curses restores
    /// it after a suspension.
    private func disableFlowControl() {
        var modes = termios()
        guard tcgetattr(STDIN_FILENO, &modes) == 0 else { return }
        modes.c_iflag &= ~tcflag_t(IXON)
        tcsetattr(STDIN_FILENO, TCSANOW, &modes)
        def_prog_mode()
    }

    private func rendition(of style: Style) -> (attributes: attr_t, pair: Int16) {
        if let known = renditions[style] { return known }
        let resolved = palette.resolve(style, for: capability)
        let pair = colorPairs.pair(foreground: resolved.foreground, background: resolved.background) { pair, foreground, background in
            init_pair(pair, foreground, background) == OK
        }
        let rendition = (CursesAttributes.attributes(for: resolved), pair)
        renditions[style] = rendition
        return rendition
    }

    /// Sets `character` to `symbol` (its first scalar and up to four combining marks, as a
    /// `cchar_t` holds) in `rendition`.
    private static func fill(
        _ character: inout cchar_t, with symbol: Character, rendition: (attributes: attr_t, pair: Int16),
        scalars: UnsafeMutableBufferPointer<wchar_t>
    ) {
        var count = 0
        if let ascii = symbol.asciiValue {
            scalars[0] = wchar_t(ascii)
            count = 1
        } else {
            for scalar in symbol.unicodeScalars where count < scalars.count - 1 {
                scalars[count] = wchar_t(bitPattern: scalar.value)
                count += 1
            }
        }
        scalars[count] = 0
        if setcchar(&character, scalars.baseAddress, rendition.attributes, rendition.pair, nil) != OK {
            // Not a spacing character followed by combining marks (an emoji sequence, say):
            // show its first scalar alone.
            scalars[1] = 0
            setcchar(&character, scalars.baseAddress, rendition.attributes, rendition.pair, nil)
        }
    }
}
