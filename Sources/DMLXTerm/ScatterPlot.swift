/// Points of several classes in braille (one colour per cell: the class most of its dots
/// belong to), with marks for special points, a legend of classes and an optional title.
///
/// Bounds are automatic: the finite points' range plus `padding` of it on every side; with
/// `preservesAspectRatio` one unit is as long across as up (braille dots are about square),
/// so a 2-D projection is not distorted. Marked points are drawn over the dots, in the order
/// neighbours ("○"), proxies ("◆", bold), then the selected point ("●", reverse video);
/// ASCII glyphs use "o", "#" and "@".
public struct ScatterPlot: Widget, Sendable {
    public enum Marker: Sendable, Equatable {
        /// A neighbour of the selected point.
        case neighbor
        /// A class proxy (learned class centre).
        case proxy
        case selected
    }

    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public var classID: Int
        public var marker: Marker?

        public init(x: Double, y: Double, classID: Int, marker: Marker? = nil) {
            self.x = x
            self.y = y
            self.classID = classID
            self.marker = marker
        }
    }

    public var points: [Point]
    /// Legend labels by class id (class i is drawn in `.classColor(i)`); empty: no legend.
    public var classNames: [String]
    public var title: String?
    public var glyphs: Glyphs
    public var preservesAspectRatio: Bool
    /// Margin around the points as a fraction of their range.
    public var padding: Double

    public init(
        points: [Point], classNames: [String] = [], title: String? = nil, glyphs: Glyphs = .unicode,
        preservesAspectRatio: Bool = true, padding: Double = 0.05
    ) {
        self.points = points
        self.classNames = classNames
        self.title = title
        self.glyphs = glyphs
        self.preservesAspectRatio = preservesAspectRatio
        self.padding = padding
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let titleRows = title != nil && area.height >= 3 ? 1 : 0
        if let title, titleRows > 0 {
            buffer.set(x: area.x, y: area.y, string: TextWidth.truncate(title, to: area.width, ellipsis: glyphs.ellipsis), style: .foreground(.title, bold: true), clip: area)
        }
        let (plot, legendArea) = layout(area)
        legend.render(into: &buffer, area: legendArea)
        guard !plot.isEmpty else { return }

        let (xScale, yScale) = scales(dotWidth: 2 * plot.width, dotHeight: 4 * plot.height)
        var canvas = BrailleCanvas(width: plot.width, height: plot.height)
        for point in points where point.marker == nil && point.x.isFinite && point.y.isFinite {
            canvas.set(x: xScale.dot(point.x), y: yScale.dot(point.y), color: point.classID)
        }
        canvas.render(into: &buffer, area: plot, glyphs: glyphs) { .foreground(.classColor($0)) }
        for marker in [Marker.neighbor, .proxy, .selected] {
            for point in points where point.marker == marker && point.x.isFinite && point.y.isFinite {
                let column = xScale.dot(point.x) / 2
                let row = yScale.dot(point.y) / 4
                guard column >= 0 && column < plot.width && row >= 0 && row < plot.height else { continue }
                let (symbol, style) = mark(marker, classID: point.classID)
                buffer.set(x: plot.x + column, y: plot.y + row, symbol: symbol, style: style)
            }
        }
    }

    private var legend: Legend {
        Legend(entries: classNames.enumerated().map { Legend.Entry($1, color: .classColor($0)) }, glyphs: glyphs)
    }

    /// The braille plot's cells and the legend's, within `area`.
    private func layout(_ area: Rect) -> (plot: Rect, legend: Rect) {
        let titleRows = title != nil && area.height >= 3 ? 1 : 0
        let available = area.height - titleRows
        let legendRows = available >= 4 ? min(legend.rowsNeeded(width: area.width), available / 3) : 0
        return (Rect(x: area.x, y: area.y + titleRows, width: area.width, height: max(0, available - legendRows)),
                Rect(x: area.x, y: area.maxY - legendRows, width: area.width, height: legendRows))
    }

    /// The index in `points` of the point drawn nearest to the cell at (`column`, `row`)
    /// when the plot is rendered in `area` (for mouse selection); nil outside the plot.
    public func nearestPoint(toColumn column: Int, row: Int, in area: Rect) -> Int? {
        let plot = layout(area).plot
        guard plot.contains(x: column, y: row) else { return nil }
        let (xScale, yScale) = scales(dotWidth: 2 * plot.width, dotHeight: 4 * plot.height)
        let target = (x: Double(2 * (column - plot.x)) + 0.5, y: Double(4 * (row - plot.y)) + 1.5)
        var best: (index: Int, distance: Double)?
        for (index, point) in points.enumerated() where point.x.isFinite && point.y.isFinite {
            let dx = Double(xScale.dot(point.x)) - target.x
            let dy = Double(yScale.dot(point.y)) - target.y
            let distance = dx * dx + dy * dy
            if distance < best?.distance ?? .infinity { best = (index, distance) }
        }
        return best?.index
    }

    private func mark(_ marker: Marker, classID: Int) -> (Character, Style) {
        switch marker {
        case .neighbor: (glyphs.neighborMark, .foreground(.classColor(classID)))
        case .proxy: (glyphs.proxyMark, .foreground(.classColor(classID), bold: true))
        case .selected: (glyphs.selectedMark, Style(foreground: .classColor(classID), bold: true, reverse: true))
        }
    }

    private func scales(dotWidth: Int, dotHeight: Int) -> (PlotScale, PlotScale) {
        let finite = points.lazy.filter { $0.x.isFinite && $0.y.isFinite }
        var x = PlotScale.finiteRange(finite.map(\.x)) ?? (-1, 1)
        var y = PlotScale.finiteRange(finite.map(\.y)) ?? (-1, 1)
        x = ScatterPlot.padded(x, by: padding)
        y = ScatterPlot.padded(y, by: padding)
        if preservesAspectRatio && dotWidth > 1 && dotHeight > 1 {
            let unitsPerDot = max((x.upper - x.lower) / Double(dotWidth - 1), (y.upper - y.lower) / Double(dotHeight - 1))
            x = ScatterPlot.widened(x, to: unitsPerDot * Double(dotWidth - 1))
            y = ScatterPlot.widened(y, to: unitsPerDot * Double(dotHeight - 1))
        }
        return (PlotScale(lower: x.lower, upper: x.upper, dots: dotWidth, flipped: false),
                PlotScale(lower: y.lower, upper: y.upper, dots: dotHeight, flipped: true))
    }

    private static func padded(_ range: (lower: Double, upper: Double), by fraction: Double) -> (lower: Double, upper: Double) {
        let span = range.upper - range.lower
        let margin = span > 0 ? span * fraction : max(1, abs(range.lower) * 0.1)
        return (range.lower - margin, range.upper + margin)
    }

    private static func widened(_ range: (lower: Double, upper: Double), to span: Double) -> (lower: Double, upper: Double) {
        let center = (range.lower + range.upper) / 2
        return (center - span / 2, center + span / 2)
    }
}
