import Testing
import DMLXTerm
import DMLXTestSupport

@Suite struct BrailleCanvasTests {
    @Test func dotsMapToBrailleBits() {
        // Braille dots 1, 2, 3, 7 down the left column and 4, 5, 6, 8 down the right
        // column are bits 0 ... 7 of the offset from U+2800.
        let expected: [(dx: Int, dy: Int, scalar: UInt32)] = [
            (0, 0, 0x2801), (0, 1, 0x2802), (0, 2, 0x2804), (1, 0, 0x2808),
            (1, 1, 0x2810), (1, 2, 0x2820), (0, 3, 0x2840), (1, 3, 0x2880),
        ]
        for (dx, dy, scalar) in expected {
            var canvas = BrailleCanvas(width: 2, height: 2)
            canvas.set(x: 2 + dx, y: 4 + dy, color: 0)
            var buffer = Buffer(width: 2, height: 2)
            canvas.render(into: &buffer, area: buffer.area, glyphs: .unicode) { _ in Style() }
            #expect(buffer[1, 1].symbol == Character(Unicode.Scalar(scalar)!))
            #expect(buffer[0, 0] == .blank && buffer[0, 1] == .blank && buffer[1, 0] == .blank)
        }
        var full = BrailleCanvas(width: 1, height: 1)
        for x in 0..<2 { for y in 0..<4 { full.set(x: x, y: y, color: 0) } }
        #expect(full.pattern(column: 0, row: 0) == 0xFF)
        #expect(BrailleCanvas.symbol(0xFF, glyphs: .unicode) == "⣿")
    }

    @Test func majorityColourWithTiesToTheSmallestID() {
        var canvas = BrailleCanvas(width: 2, height: 1)
        canvas.set(x: 0, y: 0, color: 2)
        canvas.set(x: 0, y: 1, color: 2)
        canvas.set(x: 1, y: 0, color: 1)
        #expect(canvas.color(column: 0, row: 0) == 2)
        canvas.set(x: 1, y: 1, color: 1)
        #expect(canvas.color(column: 0, row: 0) == 1)
        canvas.set(x: 0, y: 0, color: 7)
        #expect(canvas.color(column: 0, row: 0) == 1)
        canvas.set(x: 2, y: 0, color: 5)
        canvas.set(x: 3, y: 0, color: 3)
        #expect(canvas.color(column: 1, row: 0) == 3)
        #expect(BrailleCanvas(width: 1, height: 1).color(column: 0, row: 0) == nil)
    }

    @Test func bresenhamLines() {
        var canvas = BrailleCanvas(width: 4, height: 1)
        canvas.line(from: (0, 0), to: (7, 3), color: 0)
        var buffer = Buffer(width: 4, height: 1)
        canvas.render(into: &buffer, area: buffer.area, glyphs: .unicode) { _ in Style() }
        // Dots (0,0) (1,0) (2,1) (3,1) (4,2) (5,2) (6,3) (7,3).
        #expect(buffer.lines == ["⠉⠒⠤⣀"])
        var reversed = BrailleCanvas(width: 4, height: 1)
        reversed.line(from: (7, 3), to: (0, 0), color: 0)
        #expect((0..<4).map { reversed.pattern(column: $0, row: 0) } == (0..<4).map { canvas.pattern(column: $0, row: 0) })
    }

    @Test func asciiFallbackCountsDots() {
        var canvas = BrailleCanvas(width: 3, height: 1)
        canvas.set(x: 0, y: 0, color: 0)
        canvas.line(from: (2, 0), to: (2, 2), color: 0)
        canvas.line(from: (4, 0), to: (4, 3), color: 0)
        var buffer = Buffer(width: 3, height: 1)
        canvas.render(into: &buffer, area: buffer.area, glyphs: .ascii) { _ in Style() }
        #expect(buffer.lines == [".:*"])
    }

    @Test func renderingIsClippedAndStyledByColour() {
        var canvas = BrailleCanvas(width: 3, height: 2)
        canvas.set(x: 0, y: 0, color: 4)
        canvas.set(x: 5, y: 7, color: 9)
        var buffer = Buffer(width: 4, height: 3)
        canvas.render(into: &buffer, area: Rect(x: 1, y: 1, width: 2, height: 2), glyphs: .unicode) { .foreground(.classColor($0)) }
        #expect(buffer.lines == ["", " ⠁", ""])
        #expect(buffer[1, 1].style == .foreground(.classColor(4)))
    }
}
