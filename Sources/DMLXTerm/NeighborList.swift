import Foundation

/// The nearest neighbours of a point: rank, index, label and distance, one per row, with
/// neighbours of another class than the query in the `.bad` colour and marked "✗" ("x"),
/// and neighbours that the 2-D map draws far away marked "↯" ("!").
public struct NeighborList: Widget, Sendable {
    public struct Entry: Sendable, Equatable {
        public var rank: Int
        public var index: Int
        public var label: String
        public var distance: Double
        public var isWrongClass: Bool
        /// Whether the map shown beside the list draws this neighbour far from its point.
        public var isFarOnMap: Bool

        public init(rank: Int, index: Int, label: String, distance: Double, isWrongClass: Bool, isFarOnMap: Bool = false) {
            self.rank = rank
            self.index = index
            self.label = label
            self.distance = distance
            self.isWrongClass = isWrongClass
            self.isFarOnMap = isFarOnMap
        }
    }

    public var entries: [Entry]
    public var highlightedRow: Int?
    /// Decimals of the distance column.
    public var distanceDecimals: Int
    public var glyphs: Glyphs

    public init(entries: [Entry], highlightedRow: Int? = nil, distanceDecimals: Int = 3, glyphs: Glyphs = .unicode) {
        self.entries = entries
        self.highlightedRow = highlightedRow
        self.distanceDecimals = distanceDecimals
        self.glyphs = glyphs
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let rows = entries.map { entry in
            Table.Row(
                [
                    "\(entry.rank)", "\(entry.index)", entry.label,
                    String(format: "%.\(distanceDecimals)f", entry.distance),
                    entry.isWrongClass ? String(glyphs.wrongMark) : "",
                    entry.isFarOnMap ? String(glyphs.farMark) : "",
                ],
                style: entry.isWrongClass ? .foreground(.bad) : Style())
        }
        let columns = [
            Table.Column.numeric("#"), .numeric("index"), Table.Column("label", width: .fill(1)),
            .numeric("distance"), Table.Column("", width: .fixed(1)), Table.Column("", width: .fixed(1)),
        ]
        Table(columns: columns, rows: rows, highlightedRow: highlightedRow, columnSpacing: 1, glyphs: glyphs)
            .render(into: &buffer, area: area)
    }
}
