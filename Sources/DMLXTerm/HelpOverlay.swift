/// A boxed panel centred over the screen listing keys and what they do:
///
///     ┌ Help ──────────────────┐
///     │ space  pause / resume  │
///     │ q      quit            │
///     └────────────────────────┘
///
/// The panel blanks what is under it, is sized to its content and clipped to the area
/// (rows that do not fit are not shown).
public struct HelpOverlay: Widget, Sendable {
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var description: String

        public init(_ key: String, _ description: String) {
            self.key = key
            self.description = description
        }
    }

    public var title: String
    public var entries: [Entry]
    public var glyphs: Glyphs

    public init(title: String = "Help", entries: [Entry], glyphs: Glyphs = .unicode) {
        self.title = title
        self.entries = entries
        self.glyphs = glyphs
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let keyWidth = entries.map { TextWidth.of($0.key) }.max() ?? 0
        let descriptionWidth = entries.map { TextWidth.of($0.description) }.max() ?? 0
        let contentWidth = max(keyWidth + 2 + descriptionWidth, TextWidth.of(title) + 2)
        let panel = area.centered(width: contentWidth + 4, height: entries.count + 2)
        let box = Box(title: title, glyphs: glyphs, clearsInside: true)
        box.render(into: &buffer, area: panel)
        let inside = box.inner(panel).inset(horizontal: 1, vertical: 0)
        for (row, entry) in entries.prefix(inside.height).enumerated() {
            let y = inside.y + row
            buffer.set(x: inside.x, y: y, string: entry.key, style: .foreground(.accent, bold: true), clip: inside)
            buffer.set(x: inside.x + keyWidth + 2, y: y, string: entry.description, clip: inside)
        }
    }
}
