import DMLXCore

/// The square grid `TSNERepulsion` interpolates on: the smallest square holding the
/// layout (one range for both axes, as openTSNE), cut into `intervals` equal intervals
/// per axis, each with `p` equispaced nodes at `(k + ½) / p` of its width.
struct InterpolationGrid {
    let lower: Double
    let intervals: Int
    let intervalWidth: Double
    let nodesPerInterval: Int

    init(_ layout: Matrix<Double>, interpolation: TSNEInterpolation) {
        let lower = layout.storage.min() ?? 0
        // A layout of coincident points still needs intervals of some width.
        let span = max((layout.storage.max() ?? 0) - lower, 1e-9)
        self.lower = lower
        intervals = interpolation.intervals(span: span)
        intervalWidth = span / Double(intervals)
        nodesPerInterval = interpolation.nodesPerInterval
    }

    /// The distance between neighbouring nodes.
    var nodeSpacing: Double { intervalWidth / Double(nodesPerInterval) }

    /// Where each point falls: its interval's row (y) and column (x) and the Lagrange
    /// weights of that interval's nodes along each axis.
    struct Placement {
        let intervals: Int
        let nodesPerInterval: Int
        var row: [Int]
        var column: [Int]
        var rowWeights: [Double]
        var columnWeights: [Double]

        @inline(__always) func rowWeight(_ point: Int, _ node: Int) -> Double { rowWeights[point * nodesPerInterval + node] }
        @inline(__always) func columnWeight(_ point: Int, _ node: Int) -> Double { columnWeights[point * nodesPerInterval + node] }

        /// The points sorted by interval row, stably (a counting sort): row `r`'s points
        /// are `points[starts[r]..<starts[r + 1]]`, in index order.
        func pointsByIntervalRow() -> (points: [Int], starts: [Int]) {
            var starts = [Int](repeating: 0, count: intervals + 1)
            for r in row { starts[r + 1] += 1 }
            for r in 0..<intervals { starts[r + 1] += starts[r] }
            var next = starts
            var points = [Int](repeating: 0, count: row.count)
            for (point, r) in row.enumerated() {
                points[next[r]] = point
                next[r] += 1
            }
            return (points, starts)
        }
    }

    func place(_ layout: Matrix<Double>) -> Placement {
        let n = layout.rows, p = nodesPerInterval
        var placement = Placement(intervals: intervals, nodesPerInterval: p, row: [Int](repeating: 0, count: n),
                                  column: [Int](repeating: 0, count: n), rowWeights: [Double](repeating: 0, count: n * p),
                                  columnWeights: [Double](repeating: 0, count: n * p))
        let denominators = lagrangeDenominators()
        for point in 0..<n {
            let (column, x) = locate(layout[point, 0])
            let (row, y) = locate(layout[point, 1])
            placement.column[point] = column
            placement.row[point] = row
            for node in 0..<p {
                placement.columnWeights[point * p + node] = lagrange(node, at: x, denominators)
                placement.rowWeights[point * p + node] = lagrange(node, at: y, denominators)
            }
        }
        return placement
    }

    /// The interval holding `value` (the upper edge belongs to the last) and the
    /// position within it, from 0 to 1.
    private func locate(_ value: Double) -> (Int, Double) {
        let index = min(Int((value - lower) / intervalWidth), intervals - 1)
        return (index, (value - lower - Double(index) * intervalWidth) / intervalWidth)
    }

    private func node(_ k: Int) -> Double { (Double(k) + 0.5) / Double(nodesPerInterval) }

    /// `Π_{k≠j} (t_j − t_k)` for each node `j`.
    private func lagrangeDenominators() -> [Double] {
        (0..<nodesPerInterval).map { j in lagrangeProduct(j, at: node(j)) }
    }

    /// The `j`-th Lagrange basis polynomial of the nodes at `x`.
    @inline(__always)
    private func lagrange(_ j: Int, at x: Double, _ denominators: [Double]) -> Double {
        lagrangeProduct(j, at: x) / denominators[j]
    }

    /// `Π_{k≠j} (x − t_k)`.
    @inline(__always)
    private func lagrangeProduct(_ j: Int, at x: Double) -> Double {
        var product = 1.0
        for k in 0..<nodesPerInterval where k != j { product *= x - node(k) }
        return product
    }
}
