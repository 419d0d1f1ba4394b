/// Rows of text under a bold header, in columns of fixed, content-fitting or filling width.
///
/// Column widths are resolved by `Layout` (fixed and fitted columns first, left to right,
/// then fill columns share the rest), `columnSpacing` columns apart; when the area is too
/// narrow the right-most columns shrink and vanish first. Cell text that does not fit is
/// truncated with an ellipsis. The highlighted row is drawn on the selection background
/// across the whole width and is scrolled into view when the rows do not all fit.
public struct Table: Widget, Sendable {
    public enum ColumnWidth: Sendable, Equatable {
        case fixed(Int)
        /// As wide as the widest of the title and the cells.
        case fit
        /// A share (by weight) of the width the other columns leave.
        case fill(Int)
    }

    public struct Column: Sendable, Equatable {
        public var title: String
        public var width: ColumnWidth
        public var alignment: TextWidth.Alignment

        public init(_ title: String, width: ColumnWidth = .fit, alignment: TextWidth.Alignment = .left) {
            self.title = title
            self.width = width
            self.alignment = alignment
        }

        /// A right-aligned, content-fitting column, as numbers are read.
        public static func numeric(_ title: String) -> Column { Column(title, width: .fit, alignment: .right) }
    }

    public struct Row: Sendable, Equatable {
        public var cells: [String]
        public var style: Style

        public init(_ cells: [String], style: Style = Style()) {
            self.cells = cells
            self.style = style
        }
    }

    public var columns: [Column]
    public var rows: [Row]
    public var highlightedRow: Int?
    public var columnSpacing: Int
    public var glyphs: Glyphs

    public init(columns: [Column], rows: [Row], highlightedRow: Int? = nil, columnSpacing: Int = 2, glyphs: Glyphs = .unicode) {
        self.columns = columns
        self.rows = rows
        self.highlightedRow = highlightedRow
        self.columnSpacing = columnSpacing
        self.glyphs = glyphs
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty && !columns.isEmpty else { return }
        let constraints = columns.indices.map { index -> Layout.Constraint in
            switch columns[index].width {
            case .fixed(let width): .fixed(width)
            case .fit: .fixed(fittedWidth(of: index))
            case .fill(let weight): .fill(weight)
            }
        }
        let cells = Layout.horizontal(constraints, spacing: columnSpacing).split(area)
        let header = Style(bold: true)
        for (column, cell) in zip(columns, cells) {
            write(column.title, in: cell, row: area.y, alignment: column.alignment, style: header, into: &buffer)
        }
        let visibleRows = area.height - 1
        let firstRow = max(0, (highlightedRow ?? 0) - visibleRows + 1)
        for (offset, rowIndex) in (firstRow..<min(rows.count, firstRow + visibleRows)).enumerated() {
            let y = area.y + 1 + offset
            var style = rows[rowIndex].style
            if rowIndex == highlightedRow {
                style.background = .selection
                buffer.fill(area.row(1 + offset), with: Cell(" ", style: style))
            }
            for (index, (column, cell)) in zip(columns, cells).enumerated() {
                let text = index < rows[rowIndex].cells.count ? rows[rowIndex].cells[index] : ""
                write(text, in: cell, row: y, alignment: column.alignment, style: style, into: &buffer)
            }
        }
    }

    private func fittedWidth(of column: Int) -> Int {
        rows.reduce(TextWidth.of(columns[column].title)) { widest, row in
            column < row.cells.count ? max(widest, TextWidth.of(row.cells[column])) : widest
        }
    }

    private func write(_ text: String, in cell: Rect, row: Int, alignment: TextWidth.Alignment, style: Style, into buffer: inout Buffer) {
        guard cell.width > 0 else { return }
        let fitted = TextWidth.fit(text, to: cell.width, alignment: alignment, ellipsis: glyphs.ellipsis)
        buffer.set(x: cell.x, y: row, string: fitted, style: style, clip: cell)
    }
}
