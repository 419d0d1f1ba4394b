import DMLXCore

/// A point-region quadtree of a 2-D layout for `BarnesHutRepulsion`: each cell keeps its
/// points' count and centre of mass; a cell is split into four while it holds more than
/// one distinct point. Built by partitioning the point indices level by level (stable, so
/// every centre of mass sums its points in one fixed order), O(n log n).
struct QuadTree {
    struct Cell {
        /// Side length.
        var side: Double
        var centreX: Double
        var centreY: Double
        var count: Int
        /// Index of the first of four consecutive children; −1 for a leaf.
        var firstChild: Int
    }

    private(set) var cells: [Cell] = []
    /// The leaf each point ended in.
    private(set) var leafOf: [Int]
    /// Levels below the root.
    private(set) var depth = 0

    init(_ layout: Matrix<Double>) {
        let n = layout.rows
        leafOf = [Int](repeating: 0, count: n)
        guard n > 0 else { return }
        let xs = (0..<n).map { layout[$0, 0] }, ys = (0..<n).map { layout[$0, 1] }
        let (lowX, highX, lowY, highY) = (xs.min()!, xs.max()!, ys.min()!, ys.max()!)
        let side = max(highX - lowX, highY - lowY, 1e-12) * (1 + 1e-9)
        // Cells smaller than this hold coincident points (to rounding) as one leaf.
        let smallest = side * 1e-12
        var order = Array(0..<n)
        var scratch = order
        // Work list: (cell, range of `order`, lower-left corner).
        var pending = [(cell: 0, range: 0..<n, x: lowX, y: lowY, level: 0)]
        cells.append(Cell(side: side, centreX: 0, centreY: 0, count: 0, firstChild: -1))
        while let (cell, range, x, y, level) = pending.popLast() {
            depth = max(depth, level)
            var (massX, massY) = (0.0, 0.0)
            for point in order[range] { (massX, massY) = (massX + xs[point], massY + ys[point]) }
            cells[cell].centreX = massX / Double(range.count)
            cells[cell].centreY = massY / Double(range.count)
            cells[cell].count = range.count
            let first = order[range.lowerBound]
            let distinct = order[range].contains { xs[$0] != xs[first] || ys[$0] != ys[first] }
            let half = cells[cell].side / 2
            guard range.count > 1, distinct, half > smallest else {
                for point in order[range] { leafOf[point] = cell }
                continue
            }
            // Stable four-way partition by quadrant: 0 lower-left, 1 lower-right, 2 upper-left, 3 upper-right.
            let quadrant = { (point: Int) in (xs[point] >= x + half ? 1 : 0) + (ys[point] >= y + half ? 2 : 0) }
            var starts = [Int](repeating: 0, count: 5)
            for point in order[range] { starts[quadrant(point) + 1] += 1 }
            for q in 0..<4 { starts[q + 1] += starts[q] }
            var next = starts
            for point in order[range] {
                let q = quadrant(point)
                scratch[range.lowerBound + next[q]] = point
                next[q] += 1
            }
            for index in range { order[index] = scratch[index] }
            cells[cell].firstChild = cells.count
            for q in 0..<4 {
                let child = cells.count
                cells.append(Cell(side: half, centreX: 0, centreY: 0, count: 0, firstChild: -1))
                let childRange = (range.lowerBound + starts[q])..<(range.lowerBound + starts[q + 1])
                if !childRange.isEmpty {
                    pending.append((child, childRange, x + (q & 1 == 1 ? half : 0), y + (q & 2 == 2 ? half : 0), level + 1))
                }
            }
        }
    }
}
