/// A border around an area with an optional title in the top edge:
/// "┌ Title ──┐" (ASCII "+ Title --+"). Content goes in `inner(_:)`.
public struct Box: Widget, Sendable {
    public var title: String?
    public var glyphs: Glyphs
    public var style: Style
    public var titleStyle: Style
    /// Blank the inside before drawing the border (for overlays).
    public var clearsInside: Bool

    public init(
        title: String? = nil, glyphs: Glyphs = .unicode, style: Style = .foreground(.border),
        titleStyle: Style = .foreground(.title, bold: true), clearsInside: Bool = false
    ) {
        self.title = title
        self.glyphs = glyphs
        self.style = style
        self.titleStyle = titleStyle
        self.clearsInside = clearsInside
    }

    /// The area inside the border.
    public func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    public func render(into buffer: inout Buffer, area: Rect) {
        if clearsInside { buffer.fill(area) }
        guard area.width >= 2 && area.height >= 2 else { return }
        let horizontal = String(repeating: glyphs.horizontal, count: area.width - 2)
        buffer.set(x: area.x, y: area.y, string: "\(glyphs.topLeft)\(horizontal)\(glyphs.topRight)", style: style, clip: area)
        buffer.set(x: area.x, y: area.maxY - 1, string: "\(glyphs.bottomLeft)\(horizontal)\(glyphs.bottomRight)", style: style, clip: area)
        for row in (area.y + 1)..<(area.maxY - 1) {
            buffer.set(x: area.x, y: row, symbol: glyphs.vertical, style: style)
            buffer.set(x: area.maxX - 1, y: row, symbol: glyphs.vertical, style: style)
        }
        if let title, !title.isEmpty, area.width >= 5 {
            let text = TextWidth.truncate(title, to: area.width - 4, ellipsis: glyphs.ellipsis)
            buffer.set(x: area.x + 1, y: area.y, string: " \(text) ", style: titleStyle, clip: area)
        }
    }
}
