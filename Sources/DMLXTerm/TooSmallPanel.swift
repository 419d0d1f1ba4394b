/// Shown instead of the screen when the terminal is smaller than the layout needs:
/// "terminal too small: need 80×24, have 40×10", centred, split over three lines
/// when one is too narrow.
public struct TooSmallPanel: Widget, Sendable {
    public var required: (width: Int, height: Int)
    public var actual: (width: Int, height: Int)
    public var glyphs: Glyphs

    public init(required: (width: Int, height: Int), actual: (width: Int, height: Int), glyphs: Glyphs = .unicode) {
        self.required = required
        self.actual = actual
        self.glyphs = glyphs
    }

    /// The message, as one line or as three.
    public func lines(width: Int) -> [String] {
        let need = "need \(required.width)\(glyphs.times)\(required.height)"
        let have = "have \(actual.width)\(glyphs.times)\(actual.height)"
        let line = "terminal too small: \(need), \(have)"
        return TextWidth.of(line) <= width ? [line] : ["terminal too small", need, have]
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        buffer.fill(area)
        let lines = lines(width: area.width)
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() where top + offset < area.maxY {
            let text = TextWidth.fit(line, to: area.width, alignment: .center, ellipsis: glyphs.ellipsis)
            buffer.set(x: area.x, y: top + offset, string: text, style: .foreground(.warning, bold: true), clip: area)
        }
    }
}
