/// A matrix as a grid of coloured cells on a diverging scale (blue negative, red positive,
/// scaled by the largest magnitude), for a learned Mahalanobis matrix M = LᵀL and the like.
///
/// The scale is the largest finite magnitude unless given: a smaller one (a percentile,
/// say) shows structure that a few dominant entries would wash out, and the entries
/// beyond it saturate at the end colours.
///
/// Each entry takes two columns by one row when the area allows (cells are about twice as
/// tall as wide, so entries look square); a larger matrix is shown by block means. The last
/// row is a legend of the scale. Without colour the cells show the magnitude on the density
/// ramp " .:-=+*#%@" (sign is then not shown).
public struct HeatMap: Widget, Sendable {
    public let rows: Int
    public let cols: Int
    /// Row-major, `rows × cols`.
    public let values: [Double]
    public var glyphs: Glyphs
    public var capability: ColorCapability
    /// The magnitude at the ends of the colour scale.
    public let scale: Double

    public init(rows: Int, cols: Int, values: [Double], scale: Double? = nil, glyphs: Glyphs = .unicode,
                capability: ColorCapability = .extended256) {
        precondition(values.count == rows * cols, "\(values.count) values for a \(rows)×\(cols) heat map")
        self.rows = rows
        self.cols = cols
        self.values = values
        self.scale = scale ?? values.filter(\.isFinite).map(abs).max() ?? 0
        self.glyphs = glyphs
        self.capability = capability
    }

    /// The signed level −5 ... 5 of `value` on the scale (saturating beyond it).
    public func level(_ value: Double) -> Int {
        guard scale > 0, value.isFinite else { return 0 }
        return max(-5, min(5, Int((value / scale * 5).rounded())))
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty, rows > 0, cols > 0 else { return }
        let gridHeight = max(0, area.height - 1)
        let shownRows = min(rows, gridHeight)
        let cellWidth = area.width >= 2 * cols ? 2 : 1
        let shownCols = min(cols, area.width / cellWidth)
        guard shownRows > 0, shownCols > 0 else { return }
        for row in 0..<shownRows {
            for col in 0..<shownCols {
                let value = blockMean(row: row, of: shownRows, col: col, of: shownCols)
                let (symbol, style) = cell(level(value))
                for dx in 0..<cellWidth {
                    buffer.set(x: area.x + col * cellWidth + dx, y: area.y + row, symbol: symbol, style: style)
                }
            }
        }
        renderLegend(into: &buffer, area: Rect(x: area.x, y: area.y + shownRows, width: area.width, height: 1))
    }

    /// The mean of the entries that grid cell (row, col) covers when `rows × cols` entries are
    /// shown as `shownRows × shownCols` cells.
    private func blockMean(row: Int, of shownRows: Int, col: Int, of shownCols: Int) -> Double {
        let rowRange = (row * rows / shownRows)..<max(row * rows / shownRows + 1, (row + 1) * rows / shownRows)
        let colRange = (col * cols / shownCols)..<max(col * cols / shownCols + 1, (col + 1) * cols / shownCols)
        var sum = 0.0
        var count = 0
        for r in rowRange {
            for c in colRange where values[r * cols + c].isFinite {
                sum += values[r * cols + c]
                count += 1
            }
        }
        return count == 0 ? 0 : sum / Double(count)
    }

    private func cell(_ level: Int) -> (Character, Style) {
        if capability == .none {
            let ramp = HalfBlockImage.densityRamp
            return (ramp[min(ramp.count - 1, abs(level) * (ramp.count - 1) / 5)], Style())
        }
        return (" ", Style(background: .diverging(level)))
    }

    private func renderLegend(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let magnitude = scale
        var x = buffer.set(x: area.x, y: area.y, string: "-\(String(format: "%.3g", magnitude)) ", style: .foreground(.dim), clip: area)
        for level in -5...5 where x < area.maxX {
            let (symbol, style) = cell(level)
            buffer.set(x: x, y: area.y, symbol: symbol, style: style)
            x += 1
        }
        buffer.set(x: x, y: area.y, string: " +\(String(format: "%.3g", magnitude))", style: .foreground(.dim), clip: area)
    }
}
