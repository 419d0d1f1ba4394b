import DMLXCore

/// Exact k-nearest-neighbour search among points of the plane (a map's `n × 2` layout),
/// by a uniform grid: points are bucketed into cells holding about two points each, and
/// each query scans rings of cells around its own until the k-th best distance is
/// within the ring's reach. Cost about O(n·k) for the layouts t-SNE and UMAP make (dense
/// clusters only make the rings fill sooner); memory O(n), never n × n, so the map of
/// 100,000 points is searched in well under a second where the blocked GEMM search
/// (`NearestNeighbors`) would spend O(n²).
///
/// Same conventions as `NearestNeighbors.search` with `excludeSelf`: a query never lists
/// itself, neighbours come nearest first with ties to the smaller index, distances are
/// Euclidean, and `k` is clamped to `n − 1`.
public enum PlaneNeighbors {
    /// The `k` nearest other points of each of `queries` (all points when nil), in the
    /// order of `queries`.
    public static func search(_ layout: Matrix<Float>, k requestedK: Int, queries: [Int]? = nil) -> NeighborLists {
        precondition(layout.cols == 2, "a plane layout has 2 columns, not \(layout.cols)")
        let n = layout.rows
        let k = max(0, min(requestedK, n - 1))
        let queryIndices = queries ?? Array(0..<n)
        guard k > 0 else { return NeighborLists(count: queryIndices.count, k: 0, indices: [], distances: []) }
        let grid = Grid(layout)
        var indices = [Int32](repeating: -1, count: queryIndices.count * k)
        var distances = [Float](repeating: .nan, count: queryIndices.count * k)
        var best: [(squared: Float, index: Int32)] = []
        best.reserveCapacity(k + 1)
        for (slot, query) in queryIndices.enumerated() {
            grid.nearest(to: query, k: k, into: &best)
            for (rank, entry) in best.enumerated() {
                indices[slot * k + rank] = entry.index
                distances[slot * k + rank] = entry.squared.squareRoot()
            }
        }
        return NeighborLists(count: queryIndices.count, k: k, indices: indices, distances: distances)
    }

    /// Points sorted by grid cell (a counting sort), with each cell's start.
    private struct Grid {
        let x: [Float]
        let y: [Float]
        let origin: (x: Float, y: Float)
        let cellSize: Float
        let side: Int
        /// `side² + 1` starts into `order`.
        let cellStarts: [Int]
        let order: [Int32]

        init(_ layout: Matrix<Float>) {
            let n = layout.rows
            let (x, y) = ((0..<n).map { layout[$0, 0] }, (0..<n).map { layout[$0, 1] })
            let finite = (0..<n).filter { x[$0].isFinite && y[$0].isFinite }
            let (minX, maxX) = (finite.map { x[$0] }.min() ?? 0, finite.map { x[$0] }.max() ?? 0)
            let (minY, maxY) = (finite.map { y[$0] }.min() ?? 0, finite.map { y[$0] }.max() ?? 0)
            (self.x, self.y) = (x, y)
            let extent = max(maxX - minX, maxY - minY)
            side = max(1, min(4096, Int((Double(n) / 2).squareRoot().rounded(.up))))
            // Slightly larger than extent / side so the maximum lands in the last cell.
            cellSize = extent > 0 ? extent / Float(side) * (1 + 1e-6) : 1
            origin = (minX, minY)
            var cellOf = [Int](repeating: 0, count: n)
            var counts = [Int](repeating: 0, count: side * side + 1)
            for i in 0..<n {
                cellOf[i] = Self.cell(x[i], y[i], origin: origin, cellSize: cellSize, side: side)
                counts[cellOf[i] + 1] += 1
            }
            for c in 0..<(side * side) { counts[c + 1] += counts[c] }
            var next = counts
            var order = [Int32](repeating: 0, count: n)
            for i in 0..<n {
                order[next[cellOf[i]]] = Int32(i)
                next[cellOf[i]] += 1
            }
            cellStarts = counts
            self.order = order
        }

        /// Non-finite points go to cell 0: they are still found (at infinite distance,
        /// sorted last) and never crash the search.
        private static func cell(_ px: Float, _ py: Float, origin: (x: Float, y: Float), cellSize: Float, side: Int) -> Int {
            guard px.isFinite && py.isFinite else { return 0 }
            let column = min(side - 1, max(0, Int((px - origin.x) / cellSize)))
            let row = min(side - 1, max(0, Int((py - origin.y) / cellSize)))
            return row * side + column
        }

        /// The `k` nearest others of `query`, nearest first, into `best`.
        func nearest(to query: Int, k: Int, into best: inout [(squared: Float, index: Int32)]) {
            best.removeAll(keepingCapacity: true)
            let (qx, qy) = (x[query], y[query])
            let home = Self.cell(qx, qy, origin: origin, cellSize: cellSize, side: side)
            let (homeColumn, homeRow) = (home % side, home / side)
            var ring = 0
            while ring < side {
                forEachCell(inRing: ring, column: homeColumn, row: homeRow) { cell in
                    for slot in cellStarts[cell]..<cellStarts[cell + 1] {
                        let other = order[slot]
                        guard Int(other) != query else { continue }
                        let (dx, dy) = (x[Int(other)] - qx, y[Int(other)] - qy)
                        let squared = dx * dx + dy * dy
                        Self.offer((squared.isNaN ? .infinity : squared, other), to: &best, k: k)
                    }
                }
                // Every point of ring r + 1 lies at least r cell sides away.
                let reach = Float(ring) * cellSize
                if best.count == k, let worst = best.last?.squared, worst <= reach * reach { break }
                ring += 1
            }
        }

        private func forEachCell(inRing ring: Int, column: Int, row: Int, _ body: (Int) -> Void) {
            let rows = max(0, row - ring)...min(side - 1, row + ring)
            let columns = max(0, column - ring)...min(side - 1, column + ring)
            for r in rows {
                let onEdge = r == row - ring || r == row + ring
                if onEdge {
                    for c in columns { body(r * side + c) }
                } else {
                    if column - ring >= 0 { body(r * side + column - ring) }
                    if column + ring < side { body(r * side + column + ring) }
                }
            }
        }

        /// Keeps `best` the `k` smallest (squared distance, index) pairs, sorted.
        @inline(__always)
        private static func offer(_ entry: (squared: Float, index: Int32), to best: inout [(squared: Float, index: Int32)], k: Int) {
            func precedes(_ a: (squared: Float, index: Int32), _ b: (squared: Float, index: Int32)) -> Bool {
                a.squared < b.squared || (a.squared == b.squared && a.index < b.index)
            }
            if best.count == k, let last = best.last, !precedes(entry, last) { return }
            var position = best.count
            while position > 0 && precedes(entry, best[position - 1]) { position -= 1 }
            best.insert(entry, at: position)
            if best.count > k { best.removeLast() }
        }
    }
}
