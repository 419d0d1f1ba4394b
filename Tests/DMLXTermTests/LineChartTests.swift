import Testing
import DMLXTerm
import DMLXTestSupport

@Suite struct LineChartTests {
    static func diagonal(count: Int) -> LineChart.Series {
        LineChart.Series(name: "", points: (0..<count).map { (Double($0), Double($0)) }, color: .series(0))
    }

    @Test func theLineYEqualsX() {
        // 26 × 6: y ticks 0 and 10 (at most (4 + 1) / 2 = 2 for 4 plot rows) need 3 columns,
        // leaving 23 plot columns = 46 dots across for x = 0 ... 15 (dot 3x) and 16 dots
        // down (dot 15 − y). Consecutive points are joined by Bresenham steps.
        var buffer = Buffer(width: 26, height: 6)
        LineChart(series: [Self.diagonal(count: 16)]).render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == [
            "  │                 ⢀⣀⠤⠔⠒⠉",
            "10┤           ⢀⣀⠤⠔⠒⠉⠁",
            "  │     ⢀⣀⠤⠔⠒⠉⠁",
            " 0┤⣀⠤⠔⠒⠉⠁",
            "  └┬──────┬───────┬──────┬",
            "   0      5       10    15",
        ])
        #expect(buffer[5, 3].style == .foreground(.series(0)))
        #expect(buffer[0, 1].style == .foreground(.dim))
    }

    @Test func titleLegendAndAscii() {
        let series = [
            LineChart.Series(name: "up", points: [(0, 0), (1, 1)], color: .series(0)),
            LineChart.Series(name: "down", points: [(0, 1), (1, 0)], color: .series(1)),
        ]
        var buffer = Buffer(width: 16, height: 8)
        LineChart(series: series, title: "Loss", glyphs: .ascii).render(into: &buffer, area: buffer.area)
        #expect(buffer.lines[0] == "Loss")
        #expect(buffer.lines[7] == "# up  # down")
        // y labels "0" and "1" take 2 columns; x ticks 0, 0.5, 1 sit on dots 0, 14, 27 of 28.
        #expect(buffer.lines[5] == " ++------+-----+")
        #expect(buffer.lines[6] == " 0.0    0.5  1.0")
        #expect(buffer[0, 7].style == .foreground(.series(0)) && buffer[6, 7].style == .foreground(.series(1)))
        #expect(buffer.lines[1...4].allSatisfy { !$0.contains { ("\u{2800}"..."\u{28FF}").contains($0) } })
    }

    /// A band is stippled one dot per cell row (dot row 2), in the dot column of its series'
    /// parity: series 0 left (⠄), series 1 right (⠠); overlapping bands show both dots (⠤),
    /// coloured by the smaller series id (a tie).
    @Test func bandsAreStippledByParity() {
        func band(_ color: Int) -> LineChart.Series {
            LineChart.Series(name: "", points: [], color: .series(color), band: [(0, 0, 1), (1, 0, 1)])
        }
        for (series, cell) in [([band(0)], "⠄⠄⠄⠄"), ([band(0), band(1)].reversed(), "⠤⠤⠤⠤"), ([band(0), band(1)], "⠤⠤⠤⠤")] {
            var buffer = Buffer(width: 4, height: 3)
            LineChart(series: Array(series), showsLegend: false).render(into: &buffer, area: buffer.area)
            #expect(buffer.lines == [cell, cell, cell])
        }
        var odd = Buffer(width: 4, height: 3)
        LineChart(series: [LineChart.Series(name: "", points: [], color: .series(0)), band(1)], showsLegend: false)
            .render(into: &odd, area: odd.area)
        #expect(odd.lines == ["⠠⠠⠠⠠", "⠠⠠⠠⠠", "⠠⠠⠠⠠"])
        #expect(odd[0, 0].style == .foreground(.series(1)))
    }

    /// The y axis spans the band, not only the curve.
    @Test func theAxisSpansTheBand() {
        let series = LineChart.Series(name: "", points: [(0, 5), (1, 5)], color: .series(1), band: [(0, 0, 10), (1, 0, 10)])
        var buffer = Buffer(width: 20, height: 8)
        LineChart(series: [series]).render(into: &buffer, area: buffer.area)
        #expect(buffer.lines.first?.hasPrefix("10┤") == true, "\(buffer.lines)")
        #expect(buffer.lines[5].hasPrefix(" 0┤"), "\(buffer.lines)")
    }

    @Test func degenerateData() {
        let cases: [[(x: Double, y: Double)]] = [
            [], [(3, 7)], [(0, 2), (1, 2), (2, 2)], [(.nan, 1), (1, .infinity), (2, -.infinity)],
            [(0, 1e300), (1, -1e300)], [(0, 0), (1, .nan), (2, 1)],
        ]
        for points in cases {
            var buffer = Buffer(width: 30, height: 10)
            LineChart(series: [LineChart.Series(name: "s", points: points, color: .accent)]).render(into: &buffer, area: buffer.area)
            #expect(buffer.lines[9] == "■ s")
        }
        var single = Buffer(width: 20, height: 6)
        LineChart(series: [LineChart.Series(name: "", points: [(3, 7)], color: .accent)]).render(into: &single, area: single.area)
        #expect(single.lines.joined().filter { ("\u{2801}"..."\u{28FF}").contains($0) }.count == 1)
    }

    @Test func aNonFiniteValueBreaksTheCurve() {
        var buffer = Buffer(width: 4, height: 1)
        let gap = LineChart.Series(name: "", points: [(0, 0), (1, 0), (2, .nan), (3, 0)], color: .accent)
        LineChart(series: [gap]).render(into: &buffer, area: buffer.area)
        // No axes in one row; the constant line sits mid-height on dot row 2 of 0 ... 3:
        // dots x = 0, 2 (joined through 1) and 7.
        #expect(buffer.lines == ["⠤⠄ ⠠"])
    }
}
