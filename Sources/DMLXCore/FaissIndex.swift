import CFaiss
import Synchronization

/// One faiss index behind the `CFaiss` shim: made from a factory string, trained,
/// filled and searched by Euclidean distance. Until `seal()` only its builder touches it;
/// sealed, it can no longer change (checked at run time) and any number of threads may
/// search it at once, as faiss's searches are const — so the neighbour panel's query of
/// one point never waits behind a background scoring's block of thousands. A call's
/// parallelism is faiss's OpenMP, capped by its `threads`.
final class FaissIndex: Sendable {
    /// Changed only before `isSealed`, by the one thread building the index.
    private nonisolated(unsafe) let handle: OpaquePointer
    private let isSealed = Atomic<Bool>(false)
    let dimension: Int

    init(description: String, dimension: Int) throws(NeighborIndexError) {
        var made: OpaquePointer?
        try Self.check("cannot make faiss index \(description)") { message, capacity in
            cfaiss_index_new(description, Int32(dimension), &made, message, capacity)
        }
        handle = made!
        self.dimension = dimension
    }

    deinit {
        cfaiss_index_free(handle)
    }

    /// Ends the build: from now on the index only answers searches.
    func seal() {
        isSealed.store(true, ordering: .releasing)
    }

    /// Sets one of the parameters `cfaiss_index_set` knows (nprobe, niter, efSearch, efConstruction).
    func set(_ name: String, to value: Int) throws(NeighborIndexError) {
        precondition(!isSealed.load(ordering: .acquiring), "a sealed faiss index cannot change")
        try Self.check("faiss: cannot set \(name)") { cfaiss_index_set(handle, name, Int64(value), $0, $1) }
    }

    func train(_ points: Matrix<Float>, threads: Int) throws(NeighborIndexError) {
        precondition(!isSealed.load(ordering: .acquiring), "a sealed faiss index cannot change")
        try call("faiss: training failed", points, rows: 0..<points.rows) { index, vectors, message, capacity in
            cfaiss_index_train(index, Int64(points.rows), vectors, Int32(threads), message, capacity)
        }
    }

    /// Adds `rows` of `points`; they get the next numbers, so rows added in order keep theirs.
    func add(_ points: Matrix<Float>, rows: Range<Int>, threads: Int) throws(NeighborIndexError) {
        precondition(!isSealed.load(ordering: .acquiring), "a sealed faiss index cannot change")
        try call("faiss: adding points failed", points, rows: rows) { index, vectors, message, capacity in
            cfaiss_index_add(index, Int64(rows.count), vectors, Int32(threads), message, capacity)
        }
    }

    /// The `k` nearest indexed points of `rows` of `queries`, with Euclidean (not squared)
    /// distances; places faiss leaves empty keep index −1 and distance NaN.
    func search(_ queries: Matrix<Float>, rows: Range<Int>, k: Int, threads: Int) throws(NeighborIndexError) -> NeighborLists {
        var labels = [Int64](repeating: -1, count: rows.count * k)
        var squared = [Float](repeating: .nan, count: rows.count * k)
        try call("faiss: search failed", queries, rows: rows) { index, vectors, message, capacity in
            cfaiss_index_search(index, Int64(rows.count), vectors, Int64(k), Int32(threads), &squared, &labels, message, capacity)
        }
        let indices = labels.map { Int32(truncatingIfNeeded: $0) }
        let distances = zip(labels, squared).map { label, value in label < 0 ? Float.nan : max(0, value).squareRoot() }
        return NeighborLists(count: rows.count, k: k, indices: indices, distances: distances)
    }

    /// Runs `body` with the index and the first of `rows`' vectors.
    private func call(_ context: String, _ points: Matrix<Float>, rows: Range<Int>,
                      _ body: (OpaquePointer, UnsafePointer<Float>, UnsafeMutablePointer<CChar>, Int) -> Int32) throws(NeighborIndexError) {
        precondition(points.cols == dimension, "vectors of \(points.cols) dimensions for an index of \(dimension)")
        try points.storage.withUnsafeBufferPointer { (vectors) throws(NeighborIndexError) in
            try Self.check(context) { body(handle, vectors.baseAddress! + rows.lowerBound * dimension, $0, $1) }
        }
    }

    /// Calls `body` with a message buffer; a non-zero status becomes an error with its message.
    private static func check(_ context: String, _ body: (UnsafeMutablePointer<CChar>, Int) -> Int32) throws(NeighborIndexError) {
        var message = [CChar](repeating: 0, count: 1024)
        let status = message.withUnsafeMutableBufferPointer { body($0.baseAddress!, $0.count) }
        guard status == 0 else {
            throw NeighborIndexError("\(context): " + String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
    }
}
