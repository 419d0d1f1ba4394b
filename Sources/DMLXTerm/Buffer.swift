/// A width × height grid of cells that widgets draw into; the backend shows it.
///
/// Every write is clipped to the buffer (and to an optional clip rectangle), so a widget
/// can never draw outside what it was given. Writes keep double-width characters whole:
/// overwriting either half of one blanks the other half.
public struct Buffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Row-major: the cell at (x, y) is `cells[y * width + x]`.
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, filling cell: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: cell, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x), \(y)) outside \(width)×\(height)")
        return cells[y * width + x]
    }

    /// Writes `string` from column `x` of row `y`, one grapheme after another by display
    /// width; characters of width 0 (controls, lone combining marks) are dropped, and a wide
    /// character cut by the clip edge leaves a blank. Returns the column after the text (or
    /// the clip's right edge, where writing stopped).
    @discardableResult
    public mutating func set<S: StringProtocol>(x: Int, y: Int, string: S, style: Style = Style(), clip: Rect? = nil) -> Int {
        let bounds = clip.map { $0.intersection(area) } ?? area
        let rowVisible = y >= bounds.y && y < bounds.maxY
        var column = x
        for character in string {
            let characterWidth = TextWidth.of(character)
            if characterWidth == 0 { continue }
            if column >= bounds.maxX { return bounds.maxX }
            if rowVisible && column + characterWidth > bounds.x {
                let fits = column >= bounds.x && column + characterWidth <= bounds.maxX
                if fits {
                    put(character, width: characterWidth, style: style, x: column, y: y)
                } else {
                    put(" ", width: 1, style: style, x: max(column, bounds.x), y: y)
                }
            }
            column += characterWidth
        }
        return min(column, bounds.maxX)
    }

    /// Writes one character of width 1 or 2 at (x, y) if it fits in the buffer.
    public mutating func set(x: Int, y: Int, symbol: Character, style: Style = Style()) {
        let symbolWidth = max(1, TextWidth.of(symbol))
        guard x >= 0 && y >= 0 && y < height && x + symbolWidth <= width else { return }
        put(symbol, width: symbolWidth, style: style, x: x, y: y)
    }

    /// Sets every cell of `rect` (clipped to the buffer) to `cell`, a width-1 symbol.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let bounds = rect.intersection(area)
        guard !bounds.isEmpty else { return }
        for row in bounds.y..<bounds.maxY {
            breakWideCharacter(at: bounds.x, y: row)
            breakWideCharacter(at: bounds.maxX, y: row)
            let start = row * width
            for index in (start + bounds.x)..<(start + bounds.maxX) { cells[index] = cell }
        }
    }

    /// Gives every cell of `rect` (clipped to the buffer) the style `style`, keeping symbols.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let bounds = rect.intersection(area)
        guard !bounds.isEmpty else { return }
        for row in bounds.y..<bounds.maxY {
            let start = row * width
            for index in (start + bounds.x)..<(start + bounds.maxX) { cells[index].style = style }
        }
    }

    private mutating func put(_ symbol: Character, width symbolWidth: Int, style: Style, x: Int, y: Int) {
        breakWideCharacter(at: x, y: y)
        breakWideCharacter(at: x + symbolWidth, y: y)
        let index = y * width + x
        cells[index] = Cell(symbol, style: style)
        if symbolWidth == 2 { cells[index + 1] = Cell(Cell.continuationSymbol, style: style) }
    }

    /// Before the cells from column `x` on (or before it) change: if a double-width
    /// character straddles the boundary between x − 1 and x, blank both its halves.
    private mutating func breakWideCharacter(at x: Int, y: Int) {
        guard x > 0 && x < width else { return }
        let index = y * width + x
        guard cells[index].isContinuation else { return }
        cells[index].symbol = " "
        cells[index - 1].symbol = " "
    }
}
