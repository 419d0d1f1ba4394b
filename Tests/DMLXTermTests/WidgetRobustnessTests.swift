import Testing
import DMLXTerm
import DMLXTestSupport

@Suite struct WidgetRobustnessTests {
    static let sizes = [(0, 0), (1, 1), (2, 2), (3, 7), (7, 3), (80, 24), (160, 48)]

    @Test(arguments: [Glyphs.unicode, .ascii])
    func everyWidgetStaysInsideItsAreaAtEverySize(glyphs: Glyphs) {
        let sentinel = Cell("x", style: Style(reverse: true))
        for (name, widget) in SampleScreens.widgets(glyphs: glyphs) {
            for (width, height) in Self.sizes {
                var buffer = Buffer(width: width + 2, height: height + 2, filling: sentinel)
                let area = Rect(x: 1, y: 1, width: width, height: height)
                widget.render(into: &buffer, area: area)
                let outside = (0..<buffer.height).flatMap { y in (0..<buffer.width).map { x in (x, y) } }
                    .filter { !area.contains(x: $0.0, y: $0.1) }
                #expect(outside.allSatisfy { buffer[$0.0, $0.1] == sentinel }, "\(name) at \(width)×\(height) drew outside its area")
                if width >= 20 && height >= 6 && name != "empty line chart" {
                    #expect(buffer.lines.contains { $0.contains { $0 != "x" && $0 != " " } }, "\(name) at \(width)×\(height) drew nothing")
                }
            }
        }
    }

    @Test func asciiScreensUseOnlyAscii() {
        let buffer = SampleScreens.dashboard(width: 100, height: 30, glyphs: .ascii, showsHelp: true)
        #expect(buffer.cells.allSatisfy { $0.symbol.isASCII })
    }
}
