/// Vertical bars of non-negative values (an eigenvalue spectrum, say) with eighth-block
/// resolution ("▁" … "█"; "#" whole cells in ASCII), the largest value written at the top
/// left and every bar's index under it where there is room.
public struct BarChart: Widget, Sendable {
    public var values: [Double]
    public var color: ColorRole
    public var glyphs: Glyphs

    static let eighths: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public init(values: [Double], color: ColorRole = .accent, glyphs: Glyphs = .unicode) {
        self.values = values
        self.color = color
        self.glyphs = glyphs
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard area.height >= 3, area.width >= 1, !values.isEmpty else { return }
        let top = values.filter(\.isFinite).max() ?? 0
        buffer.set(x: area.x, y: area.y, string: String(format: "%.3g", top), style: .foreground(.dim), clip: area)
        let plotHeight = area.height - 2
        let barWidth = max(1, min(3, area.width / values.count))
        let shown = min(values.count, area.width / barWidth)
        let labelStep = max(1, (String(shown).count + barWidth) / barWidth)
        for (index, value) in values.prefix(shown).enumerated() {
            let eighths = top > 0 && value.isFinite ? Int((max(0, value) / top * Double(plotHeight * 8)).rounded()) : 0
            for row in 0..<plotHeight {
                let filled = min(8, max(0, eighths - row * 8))
                guard filled > 0 else { break }
                let symbol: Character = glyphs == .unicode ? Self.eighths[filled] : (filled >= 4 ? "#" : " ")
                for dx in 0..<max(1, barWidth - 1) {
                    buffer.set(x: area.x + index * barWidth + dx, y: area.y + area.height - 2 - row, symbol: symbol,
                               style: .foreground(color))
                }
            }
            if index % labelStep == 0 {
                buffer.set(x: area.x + index * barWidth, y: area.maxY - 1, string: String(index + 1), style: .foreground(.dim),
                           clip: Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1))
            }
        }
    }
}
