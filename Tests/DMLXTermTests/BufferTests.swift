import Testing
import DMLXTerm
import DMLXTestSupport

@Suite struct BufferTests {
    @Test func writesAreClippedToBufferAndClip() {
        var buffer = Buffer(width: 6, height: 2)
        let end = buffer.set(x: -2, y: 0, string: "abcdefghij")
        #expect(end == 6)
        buffer.set(x: 1, y: 1, string: "xyz", clip: Rect(x: 2, y: 0, width: 2, height: 2))
        buffer.set(x: 0, y: 5, string: "never")
        #expect(buffer.lines == ["cdefgh", "  yz"])
    }

    @Test func wideCharactersTakeTwoCells() {
        var buffer = Buffer(width: 5, height: 1)
        let end = buffer.set(x: 0, y: 0, string: "日本語")
        #expect(end == 5)
        #expect(buffer.lines == ["日本"])
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer[4, 0].symbol == " ")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.set(x: 0, y: 0, string: "日本語")
        buffer.set(x: 1, y: 0, string: "a")
        buffer.set(x: 4, y: 0, string: "b")
        #expect(buffer.lines == [" a本b"])
        #expect(buffer.cells.filter(\.isContinuation).count == 1 && buffer[3, 0].isContinuation)
        buffer.fill(Rect(x: 3, y: 0, width: 1, height: 1))
        #expect(buffer.lines == [" a  b"])
    }

    @Test func wideCharacterCutByTheClipLeavesABlank() {
        var buffer = Buffer(width: 4, height: 1, filling: Cell("."))
        buffer.set(x: 0, y: 0, string: "a日", clip: Rect(x: 0, y: 0, width: 2, height: 1))
        #expect(buffer.lines == ["a .."])
        buffer.set(x: 1, y: 0, string: "本x", clip: Rect(x: 2, y: 0, width: 2, height: 1))
        #expect(buffer.lines == ["a  x"])
    }

    @Test func combiningAndControlCharacters() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.set(x: 0, y: 0, string: "e\u{301}\u{7}x")
        #expect(buffer.lines == ["e\u{301}x"])
    }

    @Test func fillAndStyle() {
        var buffer = Buffer(width: 4, height: 3)
        buffer.fill(Rect(x: 1, y: 1, width: 9, height: 1), with: Cell("#"))
        buffer.setStyle(Style(bold: true), in: Rect(x: 0, y: 1, width: 2, height: 1))
        #expect(buffer.lines == ["", " ###", ""])
        #expect(buffer.styleLines == ["", "aa", "", "", "a: fg=text bg=background bold"])
    }
}
