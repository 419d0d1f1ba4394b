import DMLXCurses
import DMLXTerm
import Testing

/// Key codes are written out from X/Open Curses (octal, as in curses.h), not taken from the
/// header, so that a wrong constant in the decoder shows up.
@Suite struct CursesKeyDecoderTests {
    static let ok: Int32 = 0
    static let keyCode: Int32 = 0o400
    static let error: Int32 = -1

    static let characters: [(UInt32, Key?)] = [
        (9, .tab), (10, .enter), (13, .enter), (8, .backspace), (127, .backspace), (27, .escape),
        (1, .ctrl("a")), (3, .ctrl("c")), (12, .ctrl("l")), (26, .ctrl("z")),
        (0, nil), (28, nil), (31, nil), (0x85, nil),
        (32, .character(" ")), (113, .character("q")), (81, .character("Q")), (91, .character("[")),
        (0xE9, .character("é")), (0x3042, .character("あ")), (0x1F600, .character("😀")),
        (0xD800, nil),
    ]

    static let keyCodes: [(UInt32, Key?)] = [
        (0o403, .up), (0o402, .down), (0o404, .left), (0o405, .right),
        (0o406, .home), (0o550, .end), (0o523, .pageUp), (0o522, .pageDown),
        (0o534, .home), (0o535, .pageUp), (0o537, .end), (0o540, .pageDown),
        (0o527, .enter), (0o407, .backspace), (0o512, .delete), (0o541, .backTab),
        (0o411, .function(1)), (0o424, .function(12)), (0o507, .function(63)),
        (0o410, nil), (0o536, nil), (0o1000, nil),
    ]

    @Test(arguments: characters)
    func decodesCharacters(code: UInt32, expected: Key?) {
        #expect(CursesKeyDecoder.decode(status: Self.ok, code: code) == expected.map { .key($0) } ?? .nothing)
    }

    @Test(arguments: keyCodes)
    func decodesKeyCodes(code: UInt32, expected: Key?) {
        #expect(CursesKeyDecoder.decode(status: Self.keyCode, code: code) == expected.map { .key($0) } ?? .nothing)
    }

    @Test func resizeAndMouseNeedTheTerminal() {
        #expect(CursesKeyDecoder.decode(status: Self.keyCode, code: 0o632) == .resize)
        #expect(CursesKeyDecoder.decode(status: Self.keyCode, code: 0o631) == .mouse)
    }

    @Test func timeoutIsNothing() {
        #expect(CursesKeyDecoder.decode(status: Self.error, code: 113) == .nothing)
    }

    /// Mouse masks of NCURSES_MOUSE_VERSION 2: button b's events sit at bits 5(b−1)...,
    /// released 1, pressed 2, clicked 4.
    @Test func decodesMouseButtons() {
        #expect(CursesKeyDecoder.mouseEvent(buttons: 0o2, x: 3, y: 4) == MouseEvent(.click, x: 3, y: 4))
        #expect(CursesKeyDecoder.mouseEvent(buttons: 0o4, x: 0, y: 0) == MouseEvent(.click, x: 0, y: 0))
        #expect(CursesKeyDecoder.mouseEvent(buttons: 2 << 15, x: 7, y: 1) == MouseEvent(.scrollUp, x: 7, y: 1))
        #expect(CursesKeyDecoder.mouseEvent(buttons: 2 << 20, x: 7, y: 1) == MouseEvent(.scrollDown, x: 7, y: 1))
        #expect(CursesKeyDecoder.mouseEvent(buttons: 0o1, x: 3, y: 4) == nil)
        #expect(CursesKeyDecoder.mouseEvent(buttons: 2 << 5, x: 3, y: 4) == nil)
        #expect(CursesKeyDecoder.reportedButtons == 2 | 4 | 2 << 15 | 2 << 20)
    }
}
