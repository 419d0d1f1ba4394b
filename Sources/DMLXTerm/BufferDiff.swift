/// What changed between two frames, as runs of consecutive cells to write, so that a
/// backend flushes only those.
///
/// A run never starts on the trailing half of a double-width character, and a run that
/// ends on the leading half also carries the trailing half, so writing each run's
/// non-continuation symbols from its start column reproduces the new frame. When the two
/// buffers differ in size, every row of the new one is one run (a full repaint).
public struct BufferDiff: Sendable, Equatable {
    public struct Run: Sendable, Equatable {
        public var x: Int
        public var y: Int
        public var cells: [Cell]

        public init(x: Int, y: Int, cells: [Cell]) {
            self.x = x
            self.y = y
            self.cells = cells
        }
    }

    public let width: Int
    public let height: Int
    public private(set) var runs: [Run]

    /// The runs that turn `old` into `new`; nil `old` means a full repaint.
    public init(from old: Buffer?, to new: Buffer) {
        width = new.width
        height = new.height
        guard let old, old.width == new.width, old.height == new.height else {
            runs = (0..<new.height).map { row in
                Run(x: 0, y: row, cells: Array(new.cells[(row * new.width)..<((row + 1) * new.width)]))
            }
            return
        }
        runs = []
        for row in 0..<new.height {
            appendChangedRuns(row: row, old: old, new: new)
        }
    }

    public var isEmpty: Bool { runs.isEmpty }

    /// The number of cells the runs write.
    public var cellCount: Int { runs.reduce(0) { $0 + $1.cells.count } }

    /// Writes the runs into `buffer` (which must have the diff's size), as a backend would.
    public func apply(to buffer: inout Buffer) {
        precondition(buffer.width == width && buffer.height == height, "diff is \(width)×\(height), buffer \(buffer.width)×\(buffer.height)")
        for run in runs {
            var column = run.x
            for cell in run.cells {
                if !cell.isContinuation { buffer.set(x: column, y: run.y, symbol: cell.symbol, style: cell.style) }
                column += 1
            }
        }
    }

    private mutating func appendChangedRuns(row: Int, old: Buffer, new: Buffer) {
        let start = row * new.width
        var column = 0
        while column < new.width {
            guard old.cells[start + column] != new.cells[start + column] else {
                column += 1
                continue
            }
            var first = column
            if new.cells[start + first].isContinuation && first > 0 { first -= 1 }
            var end = column + 1
            while end < new.width && old.cells[start + end] != new.cells[start + end] { end += 1 }
            if end < new.width && new.cells[start + end].isContinuation { end += 1 }
            runs.append(Run(x: first, y: row, cells: Array(new.cells[(start + first)..<(start + end)])))
            column = end
        }
    }
}
