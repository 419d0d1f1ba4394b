/// A small picture of one example (for image data sets) with an optional caption on the
/// row below it.
public struct ImageThumbnail: Widget, Sendable {
    public var image: HalfBlockImage
    public var caption: String?
    public var mode: HalfBlockImage.Mode
    public var glyphs: Glyphs

    /// `mode` follows from the terminal: half blocks with UTF-8 and 256 colours, ASCII else.
    public init(image: HalfBlockImage, caption: String? = nil, glyphs: Glyphs = .unicode, capability: ColorCapability = .extended256) {
        self.image = image
        self.caption = caption
        self.glyphs = glyphs
        mode = HalfBlockImage.Mode(glyphs: glyphs, capability: capability)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let captionRows = caption != nil && area.height >= 2 ? 1 : 0
        let picture = Rect(x: area.x, y: area.y, width: area.width, height: area.height - captionRows)
        image.render(into: &buffer, area: picture, mode: mode)
        if let caption, captionRows > 0 {
            let text = TextWidth.truncate(caption, to: area.width, ellipsis: glyphs.ellipsis)
            let row = min(area.maxY - 1, area.y + image.fittedSize(in: picture).rows)
            buffer.set(x: area.x, y: row, string: text, style: .foreground(.dim), clip: area)
        }
    }
}
