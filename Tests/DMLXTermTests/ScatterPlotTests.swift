import Testing
import DMLXTerm
import DMLXTestSupport

@Suite struct ScatterPlotTests {
    /// Corners of the unit square on a 4 × 2 cell (8 × 8 dot) plot with no padding: x = 0
    /// and 1 are dots 0 and 7 across, y = 1 and 0 dots 0 and 7 down.
    static let corners = [
        ScatterPlot.Point(x: 0, y: 0, classID: 1),
        ScatterPlot.Point(x: 1, y: 1, classID: 2),
        ScatterPlot.Point(x: 1, y: 0, classID: 2),
    ]

    static func render(_ plot: ScatterPlot, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        plot.render(into: &buffer, area: buffer.area)
        return buffer
    }

    @Test func pointsBecomeDotsInTheirClassColour() {
        let buffer = Self.render(ScatterPlot(points: Self.corners, preservesAspectRatio: false, padding: 0), width: 4, height: 2)
        #expect(buffer.lines == ["   ⠈", "⡀  ⢀"])
        #expect(buffer[0, 1].style == .foreground(.classColor(1)))
        #expect(buffer[3, 0].style == .foreground(.classColor(2)))
    }

    @Test func markersAreDrawnOverTheDots() {
        var points = Self.corners
        points[1].marker = .selected
        points.append(ScatterPlot.Point(x: 0.5, y: 0.5, classID: 1, marker: .proxy))
        let plot = ScatterPlot(points: points, preservesAspectRatio: false, padding: 0)
        let buffer = Self.render(plot, width: 4, height: 2)
        // The proxy at (0.5, 0.5) lands on dot (round 3.5 = 4, 4): cell (2, 1).
        #expect(buffer.lines == ["   ●", "⡀ ◆⢀"])
        #expect(buffer[3, 0].style == Style(foreground: .classColor(2), bold: true, reverse: true))
        #expect(buffer[2, 1].style == .foreground(.classColor(1), bold: true))
        var ascii = plot
        ascii.glyphs = .ascii
        #expect(Self.render(ascii, width: 4, height: 2).lines == ["   @", ". #."])
    }

    @Test func aCellTakesTheColourOfTheClassWithMostDots() {
        let points = [
            ScatterPlot.Point(x: 0, y: 0, classID: 5), ScatterPlot.Point(x: 0, y: 1, classID: 3),
            ScatterPlot.Point(x: 1, y: 1, classID: 3), ScatterPlot.Point(x: 9, y: 9, classID: 0),
        ]
        let buffer = Self.render(ScatterPlot(points: points, preservesAspectRatio: false, padding: 0), width: 10, height: 3)
        #expect(buffer[0, 2].style == .foreground(.classColor(3)))
    }

    @Test func titleLegendAndAspectRatio() {
        let plot = ScatterPlot(points: Self.corners, classNames: ["zero", "one", "two"], title: "Embedding", padding: 0)
        let buffer = Self.render(plot, width: 20, height: 8)
        #expect(buffer.lines[0] == "Embedding")
        #expect(buffer.lines[7] == "■ zero  ■ one  ■ two")
        #expect(buffer[8, 7].style == .foreground(.classColor(1)))
        // The unit square on a 20 × 6 cell (40 × 24 dot) plot spans all 23 dot steps down,
        // so also 23 across, centred: dots 8 ... 31, cells 4 ... 15.
        let columns = (1...6).flatMap { row in (0..<20).filter { buffer[$0, row].symbol != " " } }
        #expect(columns.min() == 4 && columns.max() == 15)
    }

    @Test func emptyAndNonFinitePoints() {
        let points = [ScatterPlot.Point(x: .nan, y: 0, classID: 0), ScatterPlot.Point(x: 1, y: .infinity, classID: 0)]
        for points in [[], points, [ScatterPlot.Point(x: 2, y: 2, classID: 0)]] {
            let buffer = Self.render(ScatterPlot(points: points), width: 10, height: 4)
            #expect(buffer.lines.joined().filter { $0 != " " }.count == (points.count == 1 ? 1 : 0))
        }
    }
}
