import CBLAS
import Dispatch

/// The k nearest references of each query: row `q` of `indices` and `distances`
/// (each `count × k`, row-major) lists them nearest first, ties broken by the smaller
/// index so results never depend on blocking or thread count.
public struct NeighborLists: Sendable, Equatable {
    public let count: Int
    public let k: Int
    public var indices: [Int32]
    /// Euclidean (not squared) distances.
    public var distances: [Float]

    public init(count: Int, k: Int, indices: [Int32], distances: [Float]) {
        precondition(indices.count == count * k && distances.count == count * k, "lists must hold count × k entries")
        self.count = count
        self.k = k
        self.indices = indices
        self.distances = distances
    }

    public func neighbors(of query: Int) -> ArraySlice<Int32> {
        indices[(query * k)..<((query + 1) * k)]
    }
    public func distances(of query: Int) -> ArraySlice<Float> {
        distances[(query * k)..<((query + 1) * k)]
    }
}

/// Exact k-nearest-neighbour search by Euclidean distance, in blocks.
///
/// Rows are augmented so that one GEMM yields squared distances directly:
/// `[x, ‖x‖², 1] · [−2y, 1, ‖y‖²] = ‖x − y‖²`. Each tile of that product is scanned
/// eight entries at a time against the per-query bounds of a `NeighborSelection`, and
/// only entries that beat a bound are kept as candidates. Memory is O(block × tile) per worker, never N×N.
///
/// With `excludeSelf` (queries = references) the distance matrix is symmetric, so
/// only the blocks on and above the diagonal are computed: block (I, J) serves the
/// queries of I by its rows and those of J by its columns. The pairs of blocks are
/// visited in round-robin rounds (the circle method) in which no block appears twice,
/// so workers never share a query. Every distance is computed in exactly one fixed
/// block, so the result does not depend on the thread count.
///
/// Workers call BLAS themselves; while more than one runs, OpenBLAS is held at one
/// thread (its own threads would only compete for the same cores).
public enum NearestNeighbors {
    /// Side of the square blocks of the symmetric search and of the query blocks of
    /// the general one; 512 keeps a tile of products (1 MiB) in the L2/L3 caches.
    public static let queryBlock = 512
    public static let referenceTile = 4096

    /// The `k` nearest `references` of each row of `queries`. With `excludeSelf`,
    /// queries and references are the same set and query `i` never lists reference `i`
    /// (leave-one-out retrieval, as pytorch-metric-learning's AccuracyCalculator does
    /// when query = reference). `k` is clamped to the number of candidates. Rows whose
    /// distances are all NaN keep index −1 and distance NaN in the unfilled places.
    ///
    /// `progress` hears the share of the work done after each round of blocks (on the
    /// calling thread); when it answers false the search stops there and its lists are
    /// incomplete, which is how a caller abandons a search it no longer needs.
    public static func search(
        queries: Matrix<Float>, references: Matrix<Float>, k requestedK: Int,
        excludeSelf: Bool, threads: Int = 1, progress: ((Double) -> Bool)? = nil
    ) -> NeighborLists {
        precondition(queries.cols == references.cols, "queries have \(queries.cols) dimensions, references \(references.cols)")
        precondition(!excludeSelf || queries.rows == references.rows, "excludeSelf needs queries = references")
        let k = max(0, min(requestedK, references.rows - (excludeSelf ? 1 : 0)))
        let n = queries.rows
        guard n > 0, k > 0 else { return NeighborLists(count: n, k: k, indices: [], distances: []) }

        let selection = NeighborSelection(queries: n, capacity: k)
        defer { selection.deallocate() }
        let left = augmentedLeft(queries)
        let right = augmentedRight(excludeSelf ? queries : references)
        withSingleThreadedBLAS(if: threads > 1) {
            if excludeSelf {
                symmetricSearch(left: left, right: right, selection: selection, threads: threads, progress: progress)
            } else {
                crossSearch(left: left, right: right, selection: selection, threads: threads, progress: progress)
            }
        }
        return selection.sortedLists()
    }

    /// The leave-one-out lists of `points` (queries = references, self excluded) one
    /// block of `queryBlock` queries at a time, handed to `body` in order with the block's
    /// global range, each list equal to its row of `search(..., excludeSelf: true)` to the
    /// last bit: every distance comes from the very tile the symmetric search computes it
    /// in. Memory stays O(threads · block · k) whatever the number of points, for twice
    /// the symmetric search's products (each tile serves one block's queries only).
    /// `progress` hears the share done after each round of `threads` blocks; false stops.
    public static func forEachQueryBlock(
        of points: Matrix<Float>, k requestedK: Int, threads: Int = 1, progress: ((Double) -> Bool)? = nil,
        _ body: (Range<Int>, NeighborLists) -> Void
    ) {
        let n = points.rows
        let k = max(0, min(requestedK, n - 1))
        guard n > 0 else { return }
        let (left, right) = (augmentedLeft(points), augmentedRight(points))
        let blockCount = (n + queryBlock - 1) / queryBlock
        let block = { (b: Int) in (b * queryBlock)..<min(n, (b + 1) * queryBlock) }
        let workers = max(1, min(threads, blockCount))
        withSingleThreadedBLAS(if: workers > 1) {
            for roundStart in stride(from: 0, to: blockCount, by: workers) {
                let round = roundStart..<min(blockCount, roundStart + workers)
                var lists = [NeighborLists?](repeating: nil, count: round.count)
                lists.withUnsafeMutableBufferPointer { results in
                    Parallel.run(workers: round.count) { worker in
                        let own = round.lowerBound + worker
                        results[worker] = blockLists(own, blockCount: blockCount, k: k, left: left, right: right, block: block)
                    }
                }
                for (offset, result) in lists.enumerated() { body(block(round.lowerBound + offset), result!) }
                if let progress, !progress(Double(round.upperBound) / Double(blockCount)) { return }
            }
        }
    }

    /// Block `own`'s lists from the symmetric search's tiles: (own, other) read by rows
    /// when own ≤ other, (other, own) read by columns when other < own.
    private static func blockLists(_ own: Int, blockCount: Int, k: Int, left: Matrix<Float>, right: Matrix<Float>,
                                   block: (Int) -> Range<Int>) -> NeighborLists {
        let queries = block(own)
        guard k > 0 else { return NeighborLists(count: queries.count, k: 0, indices: [], distances: []) }
        let selection = NeighborSelection(queries: queries.count, capacity: k, firstQuery: queries.lowerBound)
        defer { selection.deallocate() }
        var products = [Float](repeating: 0, count: queryBlock * queryBlock)
        products.withUnsafeMutableBufferPointer { tile in
            for other in 0..<blockCount {
                let (rows, columns) = own <= other ? (queries, block(other)) : (block(other), queries)
                symmetricTile(left, rows: rows, right, columns: columns, into: tile.baseAddress!)
                if own <= other {
                    selection.scanRows(tile.baseAddress!, rows: rows, columns: columns)
                } else {
                    selection.scanColumns(tile.baseAddress!, rows: rows, columns: columns)
                }
            }
        }
        return selection.sortedLists()
    }

    /// Rows `[x, ‖x‖², 1]`.
    private static func augmentedLeft(_ x: Matrix<Float>) -> Matrix<Float> {
        augmented(x, scale: 1) { norm in (norm, 1) }
    }

    /// Rows `[−2y, 1, ‖y‖²]`.
    private static func augmentedRight(_ y: Matrix<Float>) -> Matrix<Float> {
        augmented(y, scale: -2) { norm in (1, norm) }
    }

    private static func augmented(_ x: Matrix<Float>, scale: Float, tail: (Float) -> (Float, Float)) -> Matrix<Float> {
        let norms = x.rowSquaredNorms
        var storage = [Float]()
        storage.reserveCapacity(x.rows * (x.cols + 2))
        for r in 0..<x.rows {
            storage.append(contentsOf: x.row(r).map { $0 * scale })
            let (first, second) = tail(norms[r])
            storage.append(first)
            storage.append(second)
        }
        return Matrix(rows: x.rows, cols: x.cols + 2, storage: storage)
    }

    private static func withSingleThreadedBLAS(if needed: Bool, _ body: () -> Void) {
        guard needed else { return body() }
        let saved = BLAS.threads
        BLAS.threads = 1
        body()
        BLAS.threads = saved
    }

    private static func symmetricSearch(left: Matrix<Float>, right: Matrix<Float>, selection: NeighborSelection, threads: Int,
                                        progress: ((Double) -> Bool)?) {
        let n = left.rows
        let blockCount = (n + queryBlock - 1) / queryBlock
        let block = { @Sendable (b: Int) in (b * queryBlock)..<min(n, (b + 1) * queryBlock) }
        let rounds = roundRobinRounds(blockCount)
        let pairCount = Double(rounds.reduce(0) { $0 + $1.count })
        var pairsDone = 0
        for round in rounds {
            let workers = max(1, min(threads, round.count))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var products = [Float](repeating: 0, count: queryBlock * queryBlock)
                for (first, second) in stride(from: worker, to: round.count, by: workers).map({ round[$0] }) {
                    let rows = block(first), columns = block(second)
                    products.withUnsafeMutableBufferPointer { tile in
                        symmetricTile(left, rows: rows, right, columns: columns, into: tile.baseAddress!)
                        selection.scanRows(tile.baseAddress!, rows: rows, columns: columns)
                        if first != second { selection.scanColumns(tile.baseAddress!, rows: rows, columns: columns) }
                    }
                }
            }
            pairsDone += round.count
            if let progress, !progress(Double(pairsDone) / pairCount) { return }
        }
    }

    /// Rounds of block pairs (I ≤ J) covering every pair once, no block twice in a
    /// round: first the diagonal, then the circle method's rounds of a round-robin
    /// tournament (a dummy block, skipped, makes the count even).
    public static func roundRobinRounds(_ blockCount: Int) -> [[(Int, Int)]] {
        var rounds = [(0..<blockCount).map { ($0, $0) }]
        let players = blockCount + blockCount % 2
        guard players > 1 else { return rounds }
        for round in 0..<(players - 1) {
            var pairs = [(round, players - 1)]
            for offset in 1..<(players / 2) {
                pairs.append(((round + offset) % (players - 1), (round - offset + players - 1) % (players - 1)))
            }
            rounds.append(pairs.filter { max($0.0, $0.1) < blockCount }.map { (min($0.0, $0.1), max($0.0, $0.1)) })
        }
        return rounds
    }

    /// Query blocks go to the workers in rounds of `workers` blocks each, so progress can
    /// be reported (and the search stopped) between rounds.
    private static func crossSearch(left: Matrix<Float>, right: Matrix<Float>, selection: NeighborSelection, threads: Int,
                                    progress: ((Double) -> Bool)?) {
        let n = left.rows
        let blockCount = (n + queryBlock - 1) / queryBlock
        let workers = max(1, min(threads, blockCount))
        for roundStart in stride(from: 0, to: blockCount, by: workers) {
            let roundEnd = min(blockCount, roundStart + workers)
            DispatchQueue.concurrentPerform(iterations: roundEnd - roundStart) { offset in
                let block = roundStart + offset
                var products = [Float](repeating: 0, count: queryBlock * referenceTile)
                let rows = (block * queryBlock)..<min(n, (block + 1) * queryBlock)
                for tileStart in stride(from: 0, to: right.rows, by: referenceTile) {
                    let columns = tileStart..<min(right.rows, tileStart + referenceTile)
                    products.withUnsafeMutableBufferPointer { tile in
                        multiply(left, rows: rows, right, columns: columns, into: tile.baseAddress!)
                        selection.scanRows(tile.baseAddress!, rows: rows, columns: columns)
                    }
                }
            }
            if let progress, !progress(Double(roundEnd) / Double(blockCount)) { return }
        }
    }

    /// A tile of the symmetric search: the products of `rows` against `columns`, with a
    /// point against itself (a diagonal tile's diagonal) NaN, so no query lists itself.
    private static func symmetricTile(_ left: Matrix<Float>, rows: Range<Int>, _ right: Matrix<Float>, columns: Range<Int>,
                                      into tile: UnsafeMutablePointer<Float>) {
        multiply(left, rows: rows, right, columns: columns, into: tile)
        guard rows == columns else { return }
        for i in 0..<rows.count { tile[i * columns.count + i] = .nan }
    }

    /// `tile = left[rows] · right[columns]ᵀ`, row-major with `columns.count` columns.
    private static func multiply(
        _ left: Matrix<Float>, rows: Range<Int>, _ right: Matrix<Float>, columns: Range<Int>,
        into tile: UnsafeMutablePointer<Float>
    ) {
        let width = left.cols
        left.storage.withUnsafeBufferPointer { a in
            right.storage.withUnsafeBufferPointer { b in
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                            Int32(rows.count), Int32(columns.count), Int32(width), 1,
                            a.baseAddress! + rows.lowerBound * width, Int32(width),
                            b.baseAddress! + columns.lowerBound * width, Int32(width),
                            0, tile, Int32(columns.count))
            }
        }
    }
}
