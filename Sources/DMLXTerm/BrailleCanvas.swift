/// A drawing surface of (2·width) × (4·height) dots over a width × height cell area, shown
/// with braille characters: each cell is U+2800 plus the bit pattern of its set dots.
///
/// Dot bits follow the braille numbering: the left column, top to bottom, is dots 1, 2, 3, 7
/// (bits 0x01, 0x02, 0x04, 0x40), the right column dots 4, 5, 6, 8 (0x08, 0x10, 0x20, 0x80).
/// Every dot carries a colour id (the last one drawn wins); a cell shows one colour, the id
/// held by most of its set dots, ties going to the smallest id (a cell cannot show two).
///
/// With ASCII glyphs a cell shows its dot count instead: "." for 1 dot, ":" for 2–3,
/// "*" for 4 or more.
public struct BrailleCanvas: Sendable {
    /// Size in cells.
    public let width: Int
    public let height: Int
    public var dotWidth: Int { 2 * width }
    public var dotHeight: Int { 4 * height }
    private var bits: [UInt8]
    /// Colour id per dot, -1 where unset; dot (dx, dy) of cell c is at c · 8 + dy · 2 + dx.
    private var dotColors: [Int32]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        bits = Array(repeating: 0, count: self.width * self.height)
        dotColors = Array(repeating: -1, count: self.width * self.height * 8)
    }

    /// The braille bit of the dot in column `dx` (0, 1) and row `dy` (0...3) of a cell.
    public static func bit(dx: Int, dy: Int) -> UInt8 {
        switch (dx, dy) {
        case (0, 3): 0x40
        case (1, 3): 0x80
        case (0, _): 1 << UInt8(dy)
        default: 8 << UInt8(dy)
        }
    }

    /// Sets the dot at (x, y), origin top left, in colour `color`; dots outside are ignored.
    public mutating func set(x: Int, y: Int, color: Int) {
        guard x >= 0 && x < dotWidth && y >= 0 && y < dotHeight else { return }
        let cell = (y / 4) * width + x / 2
        bits[cell] |= BrailleCanvas.bit(dx: x % 2, dy: y % 4)
        dotColors[cell * 8 + (y % 4) * 2 + x % 2] = Int32(clamping: color)
    }

    /// Sets the dots of the straight line from one dot to another (Bresenham), ends included.
    public mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), color: Int) {
        let deltaX = abs(end.x - start.x)
        let deltaY = -abs(end.y - start.y)
        let stepX = start.x < end.x ? 1 : -1
        let stepY = start.y < end.y ? 1 : -1
        var error = deltaX + deltaY
        var x = start.x
        var y = start.y
        while true {
            set(x: x, y: y, color: color)
            if x == end.x && y == end.y { return }
            let doubled = 2 * error
            if doubled >= deltaY {
                error += deltaY
                x += stepX
            }
            if doubled <= deltaX {
                error += deltaX
                y += stepY
            }
        }
    }

    /// The set-dot pattern of cell (column, row).
    public func pattern(column: Int, row: Int) -> UInt8 { bits[row * width + column] }

    /// The colour of cell (column, row): the majority colour id of its set dots (ties: the
    /// smallest id); nil when no dot is set.
    public func color(column: Int, row: Int) -> Int? {
        let cell = row * width + column
        guard bits[cell] != 0 else { return nil }
        let dots = (cell * 8)..<(cell * 8 + 8)
        var best: Int32 = -1
        var bestCount = 0
        for dot in dots where dotColors[dot] >= 0 {
            let candidate = dotColors[dot]
            var count = 0
            for other in dots where dotColors[other] == candidate { count += 1 }
            if count > bestCount || (count == bestCount && candidate < best) {
                best = candidate
                bestCount = count
            }
        }
        return Int(best)
    }

    /// Draws the cells that have dots into `area` of `buffer` (from its top left, clipped to
    /// it); cells without dots are left as they are, so the canvas overlays what is there.
    public func render(into buffer: inout Buffer, area: Rect, glyphs: Glyphs, style: (Int) -> Style) {
        let rows = min(height, area.height)
        let columns = min(width, area.width)
        for row in 0..<rows {
            for column in 0..<columns {
                let pattern = bits[row * width + column]
                guard pattern != 0, let colorID = color(column: column, row: row) else { continue }
                buffer.set(x: area.x + column, y: area.y + row, symbol: BrailleCanvas.symbol(pattern, glyphs: glyphs), style: style(colorID))
            }
        }
    }

    /// The character for a cell with dot pattern `pattern`.
    public static func symbol(_ pattern: UInt8, glyphs: Glyphs) -> Character {
        switch glyphs {
        case .unicode:
            return Character(Unicode.Scalar(0x2800 + UInt32(pattern))!)
        case .ascii:
            switch pattern.nonzeroBitCount {
            case 0: return " "
            case 1: return "."
            case 2...3: return ":"
            default: return "*"
            }
        }
    }
}
