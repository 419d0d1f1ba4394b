/// A boxed panel centred over the screen listing keys and what they do:
///
///     ┌ Help ──────────────────┐
///     │ space  pause / resume  │
///     │ q      quit            │
///     └────────────────────────┘
///
/// The panel blanks what is under it and is sized to its content; a description wider
/// than the area allows wraps at spaces onto further lines, and rows that still do not
/// fit are not shown.
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
        let widest = entries.map { TextWidth.of($0.description) }.max() ?? 0
        let descriptionWidth = max(1, min(widest, area.width - 4 - keyWidth - 2))
        let lines = entries.map { (key: $0.key, lines: Self.wrapped($0.description, width: descriptionWidth)) }
        let contentWidth = max(keyWidth + 2 + descriptionWidth, TextWidth.of(title) + 2)
        let panel = area.centered(width: contentWidth + 4, height: lines.reduce(0) { $0 + $1.lines.count } + 2)
        let box = Box(title: title, glyphs: glyphs, clearsInside: true)
        box.render(into: &buffer, area: panel)
        let inside = box.inner(panel).inset(horizontal: 1, vertical: 0)
        var y = inside.y
        for entry in lines {
            guard y < inside.maxY else { break }
            buffer.set(x: inside.x, y: y, string: entry.key, style: .foreground(.accent, bold: true), clip: inside)
            for line in entry.lines where y < inside.maxY {
                buffer.set(x: inside.x + keyWidth + 2, y: y, string: line, clip: inside)
                y += 1
            }
        }
    }

    /// `text` in lines of at most `width` columns, broken at spaces (a word wider than a
    /// line is left to be clipped).
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if TextWidth.of(candidate) <= width || line.isEmpty {
                line = candidate
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        return lines + [line]
    }
}
