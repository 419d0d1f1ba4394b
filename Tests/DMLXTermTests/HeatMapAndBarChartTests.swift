import DMLXTerm
import DMLXTestSupport
import Testing

@Suite struct HeatMapTests {
    @Test func entriesAreTwoColumnsWideOnADivergingScale() {
        let map = HeatMap(rows: 2, cols: 2, values: [1, -1, 0, 0.5])
        var buffer = Buffer(width: 20, height: 3)
        map.render(into: &buffer, area: Rect(x: 0, y: 0, width: 20, height: 3))
        // level = round(value / max|value| · 5): 1 → 5, −1 → −5, 0 → 0, 0.5 → 3 (2.5 rounds up).
        #expect([0, 1].map { buffer[$0, 0].style.background } == [.diverging(5), .diverging(5)])
        #expect([2, 3].map { buffer[$0, 0].style.background } == [.diverging(-5), .diverging(-5)])
        #expect(buffer[0, 1].style.background == .diverging(0))
        #expect(buffer[2, 1].style.background == .diverging(3))
        #expect(buffer[4, 0].style.background == .background)
        #expect(buffer.lines[2].hasPrefix("-1") && buffer.lines[2].hasSuffix("+1"))
    }

    @Test func largeMatricesShowBlockMeans() {
        // 4×4 in a 2-row grid: each shown row averages two matrix rows.
        let values = [1.0, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1, -1]
        let map = HeatMap(rows: 4, cols: 4, values: values)
        var buffer = Buffer(width: 8, height: 3)
        map.render(into: &buffer, area: Rect(x: 0, y: 0, width: 8, height: 3))
        #expect(buffer[0, 0].style.background == .diverging(5))
        #expect(buffer[0, 1].style.background == .diverging(-5))
    }

    @Test func withoutColourMagnitudeUsesTheDensityRamp() {
        let map = HeatMap(rows: 1, cols: 2, values: [0, -2], capability: .none)
        var buffer = Buffer(width: 4, height: 2)
        map.render(into: &buffer, area: Rect(x: 0, y: 0, width: 4, height: 2))
        #expect(buffer.lines[0] == "  @@")
    }

    @Test func degenerateInputsDrawNothingWrong() {
        for area in [Rect(x: 0, y: 0, width: 0, height: 0), Rect(x: 0, y: 0, width: 1, height: 1)] {
            var buffer = Buffer(width: 2, height: 2)
            HeatMap(rows: 2, cols: 2, values: [.nan, 0, .infinity, 0]).render(into: &buffer, area: area)
            HeatMap(rows: 0, cols: 0, values: []).render(into: &buffer, area: area)
        }
    }
}

@Suite struct BarChartTests {
    @Test func barsHaveEighthBlockHeightsAndIndexLabels() {
        var buffer = Buffer(width: 4, height: 6)
        BarChart(values: [1, 0.5, 0.0625]).render(into: &buffer, area: Rect(x: 0, y: 0, width: 4, height: 6))
        // Four plot rows = 32 eighths: 1 → 32 (four full cells), 0.5 → 16 (two), 0.0625 → 2 ("▂").
        // One column per bar; labels every second bar, as "10"-wide labels would not fit.
        #expect(buffer.lines == ["1", "█", "█", "██", "██▂", "1 3"])
    }

    @Test func asciiBarsAndTinyAreas() {
        var buffer = Buffer(width: 3, height: 4)
        BarChart(values: [2, 1], glyphs: .ascii).render(into: &buffer, area: Rect(x: 0, y: 0, width: 3, height: 4))
        #expect(buffer.lines[1...2].map { String($0.prefix(1)) } == ["#", "#"])
        for area in [Rect.zero, Rect(x: 0, y: 0, width: 1, height: 1)] {
            BarChart(values: [1, .nan, -1]).render(into: &buffer, area: area)
        }
    }
}
