import CNcursesw
import DMLXTerm

/// Turns what `wget_wch` returns into a `Key`, without touching the terminal (so the whole
/// table is testable).
///
/// `wget_wch` answers `OK` with a character (Unicode scalar or ASCII control) or
/// `KEY_CODE_YES` with a curses key code (`KEY_UP`, `KEY_F0 + n`, `KEY_RESIZE`, ...). Two
/// codes need the terminal to finish decoding — the new size after `KEY_RESIZE`, the
/// event behind `KEY_MOUSE` — and come back as `.resize` and `.mouse` for the backend.
public enum CursesKeyDecoder {
    public enum Input: Equatable, Sendable {
        case key(Key)
        /// `KEY_RESIZE`: curses has already resized its windows; read the new size.
        case resize
        /// `KEY_MOUSE`: the event waits in `getmouse`.
        case mouse
        /// A timeout, or a key the UI has no name for (Ctrl-Space, modified arrows, C1 controls).
        case nothing
    }

    /// The function keys curses can report: KEY_F0 leaves room for 64.
    private static let functionKeyCount: UInt32 = 63

    /// Decodes the status and code returned by `wget_wch`.
    public static func decode(status: Int32, code: UInt32) -> Input {
        switch status {
        case OK: decodeCharacter(code)
        case KEY_CODE_YES: decodeKeyCode(Int32(bitPattern: code))
        default: .nothing
        }
    }

    /// A character from the keyboard: Enter arrives as CR or LF (depending on `nl`), Backspace
    /// as DEL or BS (depending on the terminal's `stty erase`), and Ctrl with a letter as its
    /// control code, except the codes that are Tab, Enter and Backspace.
    private static func decodeCharacter(_ code: UInt32) -> Input {
        switch code {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 8, 127: return .key(.backspace)
        case 27: return .key(.escape)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(UInt8(code) + 0x60))))
        case 0..<32, 0x80..<0xA0: return .nothing
        default:
            guard let scalar = Unicode.Scalar(code) else { return .nothing }
            return .key(.character(Character(scalar)))
        }
    }

    private static func decodeKeyCode(_ code: Int32) -> Input {
        switch code {
        case KEY_UP: .key(.up)
        case KEY_DOWN: .key(.down)
        case KEY_LEFT: .key(.left)
        case KEY_RIGHT: .key(.right)
        // The keypad's corner keys are Home, PgUp, End and PgDn on terminals that send
        // them as keypad codes (KEY_A1, KEY_A3, KEY_C1, KEY_C3).
        case KEY_HOME, KEY_A1: .key(.home)
        case KEY_END, KEY_C1: .key(.end)
        case KEY_PPAGE, KEY_A3: .key(.pageUp)
        case KEY_NPAGE, KEY_C3: .key(.pageDown)
        case KEY_ENTER: .key(.enter)
        case KEY_BACKSPACE: .key(.backspace)
        case KEY_DC: .key(.delete)
        case KEY_BTAB: .key(.backTab)
        case KEY_RESIZE: .resize
        case KEY_MOUSE: .mouse
        case (KEY_F0 + 1)...(KEY_F0 + Int32(functionKeyCount)): .key(.function(Int(code - KEY_F0)))
        default: .nothing
        }
    }

    /// The mouse event behind `KEY_MOUSE`, from its button state (`MEVENT.bstate`): a press
    /// or click of the first button is a click (mouse interval 0 reports the press at once),
    /// buttons 4 and 5 are the wheel; anything else (releases, other buttons) is nil.
    public static func mouseEvent(buttons: mmask_t, x: Int, y: Int) -> MouseEvent? {
        if buttons & (dmlx_button1_pressed() | dmlx_button1_clicked()) != 0 { return MouseEvent(.click, x: x, y: y) }
        if buttons & dmlx_button4_pressed() != 0 { return MouseEvent(.scrollUp, x: x, y: y) }
        if buttons & dmlx_button5_pressed() != 0 { return MouseEvent(.scrollDown, x: x, y: y) }
        return nil
    }

    /// The buttons `mousemask` asks curses to report.
    public static var reportedButtons: mmask_t {
        dmlx_button1_pressed() | dmlx_button1_clicked() | dmlx_button4_pressed() | dmlx_button5_pressed()
    }
}
