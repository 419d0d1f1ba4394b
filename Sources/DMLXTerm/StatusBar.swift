/// One row of status: segments from the left and from the right edge on a reverse-video bar.
/// The left segments win: right segments are dropped when they would overlap them, and the
/// left ones are cut with an ellipsis at the right edge.
public struct StatusBar: Widget, Sendable {
    public struct Segment: Sendable, Equatable {
        public var text: String
        /// nil: the bar's style.
        public var style: Style?

        public init(_ text: String, style: Style? = nil) {
            self.text = text
            self.style = style
        }
    }

    public var left: [Segment]
    public var right: [Segment]
    public var style: Style
    public var glyphs: Glyphs

    public init(left: [Segment], right: [Segment] = [], style: Style = Style(reverse: true), glyphs: Glyphs = .unicode) {
        self.left = left
        self.right = right
        self.style = style
        self.glyphs = glyphs
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let bar = area.row(0)
        buffer.fill(bar, with: Cell(" ", style: style))
        let leftText = left.map(\.text).joined(separator: "  ")
        let leftEnd = area.x + 1 + min(TextWidth.of(leftText), area.width - 1)
        let rightWidth = TextWidth.of(right.map(\.text).joined(separator: "  "))
        if !right.isEmpty && area.maxX - 1 - rightWidth > leftEnd {
            write(right, from: area.maxX - 1 - rightWidth, clip: bar, into: &buffer)
        }
        let fits = TextWidth.of(leftText) <= area.width - 1
        var segments = left
        if !fits, !segments.isEmpty {
            segments = [Segment(TextWidth.truncate(leftText, to: area.width - 1, ellipsis: glyphs.ellipsis), style: left[0].style)]
        }
        write(segments, from: area.x + 1, clip: bar, into: &buffer)
    }

    private func write(_ segments: [Segment], from x: Int, clip: Rect, into buffer: inout Buffer) {
        var column = x
        for (index, segment) in segments.enumerated() {
            if index > 0 { column = buffer.set(x: column, y: clip.y, string: "  ", style: style, clip: clip) }
            column = buffer.set(x: column, y: clip.y, string: segment.text, style: segment.style ?? style, clip: clip)
        }
    }
}
