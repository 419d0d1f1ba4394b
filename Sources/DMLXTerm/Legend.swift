/// A key to colours: "■ name" entries, two spaces apart, flowing left to right and onto
/// further rows when a row is full (entries past the last row are dropped).
public struct Legend: Widget, Sendable {
    public struct Entry: Sendable, Equatable {
        public var label: String
        public var color: ColorRole

        public init(_ label: String, color: ColorRole) {
            self.label = label
            self.color = color
        }
    }

    public var entries: [Entry]
    public var glyphs: Glyphs

    public init(entries: [Entry], glyphs: Glyphs = .unicode) {
        self.entries = entries
        self.glyphs = glyphs
    }

    /// The rows needed to show every entry in `width` columns.
    public func rowsNeeded(width: Int) -> Int {
        placements(width: width, maxRows: Int.max).last.map { $0.row + 1 } ?? 0
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        for (entry, place) in zip(entries, placements(width: area.width, maxRows: area.height)) {
            let x = area.x + place.column
            let y = area.y + place.row
            buffer.set(x: x, y: y, symbol: glyphs.legendMark, style: .foreground(entry.color))
            let label = TextWidth.truncate(entry.label, to: area.width - place.column - 2, ellipsis: glyphs.ellipsis)
            buffer.set(x: x + 2, y: y, string: label, clip: area)
        }
    }

    /// Where each entry starts (entries that do not fit get no placement).
    private func placements(width: Int, maxRows: Int) -> [(column: Int, row: Int)] {
        guard width > 0 else { return [] }
        var result: [(column: Int, row: Int)] = []
        var column = 0
        var row = 0
        for entry in entries {
            let entryWidth = 2 + TextWidth.of(entry.label)
            if column > 0 && column + entryWidth > width {
                column = 0
                row += 1
            }
            if row >= maxRows { break }
            result.append((column, row))
            column += entryWidth + 2
        }
        return result
    }
}
