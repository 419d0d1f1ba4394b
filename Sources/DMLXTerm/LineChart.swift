/// Curves of (x, y) series in braille, with a y axis (nice tick labels), an x axis, a legend
/// and an optional title:
///
///     Loss
///      1.0┤⠑⠢⡀
///      0.5┤  ⠈⠑⠒⠤⠤⣀⣀
///         └┬────┬────┬
///          0    5   10
///     ■ triplet  ■ proxy-nca
///
/// A series may carry a band (e.g. a confidence interval around a mean over seeds): the
/// region between its lower and upper edges is stippled in the series' colour, one dot per
/// cell row in the dot column of the series' parity, so two bands that overlap both stay
/// visible and the curves, drawn over them, keep their cells' colour (a line sets more dots
/// in a cell than a stipple).
///
/// Axes are linear and tight around the finite data, bands included (see `NiceTicks`). Non-finite points
/// are skipped and break their curve; a lone point is one dot; a constant series is a flat
/// line in the middle. As the area shrinks the legend goes first, then the title, then the
/// axes; the curves are drawn as long as there is a cell.
public struct LineChart: Widget, Sendable {
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public var color: ColorRole
        /// The band's edges at each x, in order of x; empty for none.
        public var band: [(x: Double, lower: Double, upper: Double)]

        public init(name: String, points: [(x: Double, y: Double)], color: ColorRole,
                    band: [(x: Double, lower: Double, upper: Double)] = []) {
            self.name = name
            self.points = points
            self.color = color
            self.band = band
        }
    }

    public var series: [Series]
    public var title: String?
    public var glyphs: Glyphs
    /// Show a legend of the named series (when there is room).
    public var showsLegend: Bool

    public init(series: [Series], title: String? = nil, glyphs: Glyphs = .unicode, showsLegend: Bool = true) {
        self.series = series
        self.title = title
        self.glyphs = glyphs
        self.showsLegend = showsLegend
    }

    private static let axisStyle = Style.foreground(.border)
    private static let labelStyle = Style.foreground(.dim)

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let legend = Legend(entries: series.filter { !$0.name.isEmpty }.map { Legend.Entry($0.name, color: $0.color) }, glyphs: glyphs)
        let titleRows = title != nil && area.height >= 3 ? 1 : 0
        let legendRows = showsLegend && !legend.entries.isEmpty && area.height - titleRows >= 5 ? 1 : 0
        if let title, titleRows > 0 {
            buffer.set(x: area.x, y: area.y, string: TextWidth.truncate(title, to: area.width, ellipsis: glyphs.ellipsis), style: .foreground(.title, bold: true), clip: area)
        }
        if legendRows > 0 { legend.render(into: &buffer, area: area.row(area.height - 1)) }

        let plot = Rect(x: area.x, y: area.y + titleRows, width: area.width, height: area.height - titleRows - legendRows)
        let (curves, xScale, yScale) = drawAxes(into: &buffer, area: plot)
        var canvas = BrailleCanvas(width: curves.width, height: curves.height)
        for (index, curve) in series.enumerated() {
            stipple(curve.band, color: index, on: &canvas, xScale: xScale, yScale: yScale)
        }
        for (index, curve) in series.enumerated() {
            draw(curve, color: index, on: &canvas, xScale: xScale, yScale: yScale)
        }
        canvas.render(into: &buffer, area: curves, glyphs: glyphs) { Style.foreground(series[$0].color) }
    }

    /// Draws the axes in `area` when they fit (4 rows, and 4 columns beside the y labels);
    /// returns where the curves go and how data maps onto it.
    private func drawAxes(into buffer: inout Buffer, area: Rect) -> (Rect, PlotScale, PlotScale) {
        let xRange = PlotScale.finiteRange(series.lazy.flatMap { $0.points.lazy.map(\.x) }) ?? (0, 1)
        let yRange = PlotScale.finiteRange(series.flatMap { curve -> [Double] in
            curve.points.map(\.y) + curve.band.flatMap { [$0.lower, $0.upper] }
        }) ?? (0, 1)
        let bare = (area,
                    PlotScale(lower: xRange.lower, upper: xRange.upper, dots: 2 * area.width, flipped: false),
                    PlotScale(lower: yRange.lower, upper: yRange.upper, dots: 4 * area.height, flipped: true))
        guard area.height >= 4 else { return bare }
        let yTicks = NiceTicks(lower: yRange.lower, upper: yRange.upper, maxCount: min(5, max(2, (area.height - 1) / 2)))
        let yLabels = yTicks.values.map { yTicks.label($0) }
        let axisWidth = (yLabels.map { TextWidth.of($0) }.max() ?? 0) + 1
        guard area.width >= axisWidth + 4 else { return bare }
        let plot = Rect(x: area.x + axisWidth, y: area.y, width: area.width - axisWidth, height: area.height - 2)
        let yScale = PlotScale(lower: yTicks.lower, upper: yTicks.upper, dots: 4 * plot.height, flipped: true)
        drawYAxis(into: &buffer, plot: plot, scale: yScale, ticks: yTicks.values, labels: yLabels)
        let xTicks = fittingXTicks(range: xRange, plot: plot, area: area)
        drawXAxis(into: &buffer, plot: plot, area: area, ticks: xTicks)
        return (plot, PlotScale(lower: xTicks.ticks.lower, upper: xTicks.ticks.upper, dots: 2 * plot.width, flipped: false), yScale)
    }

    private func draw(_ curve: Series, color: Int, on canvas: inout BrailleCanvas, xScale: PlotScale, yScale: PlotScale) {
        var previous: (x: Int, y: Int)?
        for point in curve.points {
            guard point.x.isFinite && point.y.isFinite else {
                previous = nil
                continue
            }
            let dot = (x: xScale.dot(point.x), y: yScale.dot(point.y))
            canvas.line(from: previous ?? dot, to: dot, color: color)
            previous = dot
        }
    }

    /// The band between consecutive edges, linearly interpolated per dot column; non-finite
    /// edges break it as they break a curve.
    private func stipple(_ band: [(x: Double, lower: Double, upper: Double)], color: Int, on canvas: inout BrailleCanvas,
                         xScale: PlotScale, yScale: PlotScale) {
        let dots = band.map { edge -> (x: Int, top: Int, bottom: Int)? in
            guard edge.x.isFinite && edge.lower.isFinite && edge.upper.isFinite else { return nil }
            return (xScale.dot(edge.x), yScale.dot(edge.upper), yScale.dot(edge.lower))
        }
        for (start, end) in zip(dots, dots.dropFirst()) {
            guard let start, let end else { continue }
            for x in start.x...max(start.x, end.x) where x % 2 == color % 2 {
                let fraction = end.x == start.x ? 0 : Double(x - start.x) / Double(end.x - start.x)
                let top = Int((Double(start.top) + fraction * Double(end.top - start.top)).rounded())
                let bottom = Int((Double(start.bottom) + fraction * Double(end.bottom - start.bottom)).rounded())
                for y in min(top, bottom)...max(top, bottom) where y % 4 == 2 {
                    canvas.set(x: x, y: y, color: color)
                }
            }
        }
    }

    private func drawYAxis(into buffer: inout Buffer, plot: Rect, scale: PlotScale, ticks: [Double], labels: [String]) {
        let axisColumn = plot.x - 1
        for row in plot.y..<plot.maxY {
            buffer.set(x: axisColumn, y: row, symbol: glyphs.vertical, style: LineChart.axisStyle)
        }
        for (tick, label) in zip(ticks, labels) {
            let row = plot.y + scale.dot(tick) / 4
            buffer.set(x: axisColumn, y: row, symbol: glyphs.yTick, style: LineChart.axisStyle)
            buffer.set(x: axisColumn - TextWidth.of(label), y: row, string: label, style: LineChart.labelStyle)
        }
        buffer.set(x: axisColumn, y: plot.maxY, symbol: glyphs.bottomLeft, style: LineChart.axisStyle)
    }

    private struct XTicks {
        var ticks: NiceTicks
        var labels: [String]
        var columns: [Int]
        var starts: [Int]
    }

    /// The most x ticks (at most 8) whose centred labels fit side by side with a space between.
    private func fittingXTicks(range: (lower: Double, upper: Double), plot: Rect, area: Rect) -> XTicks {
        var candidate = XTicks(ticks: NiceTicks(lower: range.lower, upper: range.upper, maxCount: 2), labels: [], columns: [], starts: [])
        for maxCount in stride(from: min(8, max(2, plot.width / 4)), through: 2, by: -1) {
            let ticks = NiceTicks(lower: range.lower, upper: range.upper, maxCount: maxCount)
            let scale = PlotScale(lower: ticks.lower, upper: ticks.upper, dots: 2 * plot.width, flipped: false)
            let labels = ticks.values.map { ticks.label($0) }
            let columns = ticks.values.map { plot.x + scale.dot($0) / 2 }
            let starts = zip(labels, columns).map { label, column in
                let width = TextWidth.of(label)
                return max(area.x, min(area.maxX - width, column - (width - 1) / 2))
            }
            candidate = XTicks(ticks: ticks, labels: labels, columns: columns, starts: starts)
            let ends = zip(labels, starts).map { $1 + TextWidth.of($0) }
            if zip(starts.dropFirst(), ends).allSatisfy({ $0 > $1 }) { break }
        }
        return candidate
    }

    private func drawXAxis(into buffer: inout Buffer, plot: Rect, area: Rect, ticks: XTicks) {
        buffer.set(x: plot.x, y: plot.maxY, string: String(repeating: glyphs.horizontal, count: plot.width), style: LineChart.axisStyle)
        var lastEnd = Int.min
        for (label, (column, start)) in zip(ticks.labels, zip(ticks.columns, ticks.starts)) {
            buffer.set(x: column, y: plot.maxY, symbol: glyphs.xTick, style: LineChart.axisStyle)
            guard start > lastEnd else { continue }
            lastEnd = buffer.set(x: start, y: plot.maxY + 1, string: label, style: LineChart.labelStyle, clip: area)
        }
    }
}
