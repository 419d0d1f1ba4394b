/// Neighbour search over one fixed set of points, exact or approximate (DESIGN.md §8):
/// `build` makes it (with progress and cancellation), then it answers leave-one-out
/// questions about its own points — every point's k nearest others, block by block, and
/// one point's at once — and measures its recall against exact search.
///
/// The exact kind is `NearestNeighbors` itself, with identical results. The approximate
/// kinds are faiss indexes (`FaissIndex`), searched one deeper than asked so that each
/// point's own entry can be dropped (`NeighborLists.droppingSelf`); their distances are
/// Euclidean like the exact ones, but from faiss's GEMM form, so methods that weigh
/// neighbours by distance recompute them (`NeighborLists.withExactDistances`).
///
/// Immutable once built and safe to share: faiss calls are serialised by `FaissIndex`.
/// IVF is the same run after run; an HNSW graph built with more than one thread is not
/// (faiss inserts points in parallel), so its neighbours may differ slightly between runs.
public final class NeighborIndex: Sendable {
    public let kind: NeighborIndexKind
    /// Whether the kind was chosen automatically (`NeighborIndexChoice.automatic`), which
    /// callers announce.
    public let isAutomatic: Bool
    public let points: Matrix<Float>
    /// Threads of every search (faiss's OpenMP threads or the exact search's workers).
    public let threads: Int
    /// What was built, as a person reads it: "exact", "IVF4000,Flat nprobe 32",
    /// "HNSW32,Flat efConstruction 40 efSearch 64".
    public let summary: String
    /// The recall@10 its search parameter was tuned to (`measuredRecall(k: 10)` with the
    /// default sample and seed, measured while building); nil when not tuned (exact, or
    /// the parameter given), for callers that want it to measure.
    public let tuningRecall: NeighborRecall?
    private let faiss: FaissIndex?

    init(kind: NeighborIndexKind, isAutomatic: Bool, points: Matrix<Float>, threads: Int, summary: String, faiss: FaissIndex?,
         tuningRecall: NeighborRecall?) {
        self.kind = kind
        self.isAutomatic = isAutomatic
        self.points = points
        self.threads = threads
        self.summary = summary
        self.faiss = faiss
        self.tuningRecall = tuningRecall
    }

    public var isExact: Bool { faiss == nil }

    /// The same index searched with `threads` threads (a background scoring leaves the
    /// interface a core); the faiss index is shared, not copied.
    public func withThreads(_ threads: Int) -> NeighborIndex {
        NeighborIndex(kind: kind, isAutomatic: isAutomatic, points: points, threads: threads, summary: summary, faiss: faiss,
                      tuningRecall: tuningRecall)
    }

    /// Queries per faiss call of the leave-one-out search: enough for its OpenMP threads
    /// to share, few enough that `queries × (k + 1)` results stay within 4 Mi entries
    /// (48 MiB) when k is a large class's R.
    static func faissBlock(k: Int) -> Int { max(1, min(4096, (1 << 22) / (k + 1))) }

    /// The `k` nearest other points of each point (clamped to n − 1), handed to `body`
    /// one block of queries at a time in order with the block's range, so memory holds one
    /// block's lists. Exact: `NearestNeighbors.forEachQueryBlock`. `progress` hears the
    /// share done after each block; false stops the search there.
    public func forEachQueryBlock(k requestedK: Int, progress: ((Double) -> Bool)? = nil,
                                  _ body: (Range<Int>, NeighborLists) -> Void) throws(NeighborIndexError) {
        guard let faiss else {
            return NearestNeighbors.forEachQueryBlock(of: points, k: requestedK, threads: threads, progress: progress, body)
        }
        let n = points.rows
        let k = max(0, min(requestedK, n - 1))
        let block = Self.faissBlock(k: k)
        for start in stride(from: 0, to: n, by: block) {
            let rows = start..<min(n, start + block)
            body(rows, try faiss.search(points, rows: rows, k: k + 1, threads: threads).droppingSelf(points: rows))
            if let progress, !progress(Double(rows.upperBound) / Double(n)) { return }
        }
    }

    /// Every point's `k` nearest others (clamped to n − 1) in one set of lists, n·k
    /// entries (for a k-NN graph); nil when `progress` answered false.
    public func leaveOneOutLists(k: Int, progress: ((Double) -> Bool)? = nil) throws(NeighborIndexError) -> NeighborLists? {
        var indices = [Int32](), distances = [Float](), stopped = false
        try forEachQueryBlock(k: k, progress: { share in
            stopped = progress?(share) == false
            return !stopped
        }) { _, block in
            indices += block.indices
            distances += block.distances
        }
        let found = max(0, min(k, points.rows - 1))
        return stopped ? nil : NeighborLists(count: points.rows, k: found, indices: indices, distances: distances)
    }

    /// The `k` nearest other points (clamped to n − 1) of each of `queries` (indices of
    /// points), one list per query in the given order: what the neighbour panel shows for
    /// a selected point, at the cost of one faiss query (well under 50 ms for 10⁶ points)
    /// or, exact, of one pass over every point.
    public func neighbors(of queries: [Int], k requestedK: Int) throws(NeighborIndexError) -> NeighborLists {
        guard let faiss else { return exactNeighbors(of: queries, k: requestedK) }
        let k = max(0, min(requestedK, points.rows - 1))
        let rows = points.rows(queries)
        guard !queries.isEmpty else { return NeighborLists(count: 0, k: k, indices: [], distances: []) }
        // One query gains nothing from OpenMP's threads but their start-up.
        return try faiss.search(rows, rows: 0..<rows.rows, k: k + 1, threads: queries.count > 1 ? threads : 1)
            .droppingSelf(points: queries)
    }

    /// One point's `k` nearest others.
    public func neighbors(of point: Int, k: Int) throws(NeighborIndexError) -> NeighborLists {
        try neighbors(of: [point], k: k)
    }

    /// This index's recall@k against exact search, over `sample` query points drawn from
    /// `seed` (all points when there are fewer): exact lists come from brute force of
    /// those queries against every point, self excluded; O(sample · n · d).
    public func measuredRecall(k: Int = 10, sample: Int = 1000, seed: UInt64 = 0) throws(NeighborIndexError) -> NeighborRecall {
        try measuredRecalls(at: [k], sample: sample, seed: seed)[0]
    }

    /// `measuredRecall` at each of `ks`, from one search of the sample as deep as the
    /// largest: the recall of the first k of the lists a search of that depth returns
    /// (what scores computed from R-deep lists see at rank 10, say).
    public func measuredRecalls(at ks: [Int], sample: Int = 1000, seed: UInt64 = 0) throws(NeighborIndexError) -> [NeighborRecall] {
        let queries = Self.recallSample(points: points.rows, sample: sample, seed: seed)
        let depth = ks.max() ?? 0
        let (found, exact) = (try neighbors(of: queries, k: depth), exactNeighbors(of: queries, k: depth))
        return ks.map { NeighborRecall(found: found, exact: exact, k: min($0, points.rows - 1)) }
    }

    static func recallSample(points n: Int, sample: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        return generator.sampleIndices(min(sample, n), below: n)
    }

    /// The exact `k` nearest other points of each of `queries`, one list per query,
    /// whatever the kind: brute force of those queries against every point. `progress`
    /// hears the share done; when it answers false the search stops and the lists are
    /// incomplete (a caller abandoning it discards them).
    public func exactNeighbors(of queries: [Int], k: Int, progress: ((Double) -> Bool)? = nil) -> NeighborLists {
        let k = max(0, min(k, points.rows - 1))
        return NearestNeighbors.search(queries: points.rows(queries), references: points, k: k + 1, excludeSelf: false,
                                       threads: threads, progress: progress).droppingSelf(points: queries)
    }
}
