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

    public func neighbors(of query: Int) -> ArraySlice<Int32> {
        indices[(query * k)..<((query + 1) * k)]
    }
    public func distances(of query: Int) -> ArraySlice<Float> {
        distances[(query * k)..<((query + 1) * k)]
    }
}

/// Exact k-nearest-neighbour search by Euclidean distance, in blocks.
///
/// For a block of queries and a tile of references one GEMM gives `q·r`; the ranking
/// key `‖r‖² − 2q·r` (the query's own `‖q‖²` is constant along the row) is scanned
/// against a bounded max-heap per query. Memory is O(queryBlock × referenceTile) per
/// worker, never N×N. Blocks of queries are shared among `threads` workers, each calling
/// BLAS itself, so callers that parallelise here should keep `BLAS.threads` at 1.
public enum NearestNeighbors {
    public static let queryBlock = 256
    public static let referenceTile = 4096

    /// The `k` nearest `references` of each row of `queries`. With `excludeSelf`,
    /// queries and references are the same set and query `i` never lists reference `i`
    /// (leave-one-out retrieval, as pytorch-metric-learning's AccuracyCalculator does
    /// when query = reference). `k` is clamped to the number of candidates.
    public static func search(
        queries: Matrix<Float>, references: Matrix<Float>, k requestedK: Int,
        excludeSelf: Bool, threads: Int = 1
    ) -> NeighborLists {
        precondition(queries.cols == references.cols, "queries have \(queries.cols) dimensions, references \(references.cols)")
        precondition(!excludeSelf || queries.rows == references.rows, "excludeSelf needs queries = references")
        let k = max(0, min(requestedK, references.rows - (excludeSelf ? 1 : 0)))
        let n = queries.rows
        guard n > 0, k > 0 else { return NeighborLists(count: n, k: k, indices: [], distances: []) }

        let referenceNorms = references.rowSquaredNorms
        let queryNorms = queries.rowSquaredNorms
        let blockCount = (n + queryBlock - 1) / queryBlock
        let workers = max(1, min(threads, blockCount))
        let output = OutputBuffers(count: n * k)
        defer { output.deallocate() }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var tileProducts = Matrix<Float>(rows: 0, cols: 0)
            var heaps = [NeighborHeap]()
            for block in stride(from: worker, to: blockCount, by: workers) {
                let start = block * queryBlock
                let end = min(n, start + queryBlock)
                let queryRows = queries.rows(Array(start..<end))
                heaps = (start..<end).map { _ in NeighborHeap(capacity: k) }
                for tileStart in stride(from: 0, to: references.rows, by: referenceTile) {
                    let tileEnd = min(references.rows, tileStart + referenceTile)
                    let tile = references.rows(Array(tileStart..<tileEnd))
                    if tileProducts.rows != end - start || tileProducts.cols != tileEnd - tileStart {
                        tileProducts = Matrix(rows: end - start, cols: tileEnd - tileStart)
                    }
                    Matrix.gemm(queryRows, tile, transposeB: true, alpha: -2, into: &tileProducts)
                    scan(tileProducts, tileStart: tileStart, queryStart: start,
                         referenceNorms: referenceNorms, excludeSelf: excludeSelf, heaps: &heaps)
                }
                for (offset, heap) in heaps.enumerated() {
                    let q = start + offset
                    for (rank, entry) in heap.sorted().enumerated() {
                        output.indices[q * k + rank] = entry.index
                        output.distances[q * k + rank] = max(0, entry.key + queryNorms[q]).squareRoot()
                    }
                }
            }
        }
        return NeighborLists(count: n, k: k, indices: Array(output.indices), distances: Array(output.distances))
    }

    private static func scan(
        _ products: Matrix<Float>, tileStart: Int, queryStart: Int,
        referenceNorms: [Float], excludeSelf: Bool, heaps: inout [NeighborHeap]
    ) {
        let width = products.cols
        products.storage.withUnsafeBufferPointer { values in
            referenceNorms.withUnsafeBufferPointer { norms in
                for row in 0..<products.rows {
                    let query = queryStart + row
                    let base = row * width
                    var bound = heaps[row].bound
                    for column in 0..<width {
                        let reference = tileStart + column
                        let key = values[base + column] + norms[reference]
                        if key <= bound {
                            if excludeSelf && reference == query { continue }
                            heaps[row].offer(key: key, index: Int32(reference))
                            bound = heaps[row].bound
                        }
                    }
                }
            }
        }
    }
}

/// Output shared by workers that write disjoint rows.
private struct OutputBuffers: @unchecked Sendable {
    let indices: UnsafeMutableBufferPointer<Int32>
    let distances: UnsafeMutableBufferPointer<Float>
    init(count: Int) {
        indices = .allocate(capacity: count)
        distances = .allocate(capacity: count)
    }
    func deallocate() {
        indices.deallocate()
        distances.deallocate()
    }
}

/// A bounded max-heap of the `capacity` smallest (key, index) pairs seen so far.
struct NeighborHeap {
    struct Entry: Comparable {
        var key: Float
        var index: Int32
        static func < (a: Entry, b: Entry) -> Bool {
            a.key < b.key || (a.key == b.key && a.index < b.index)
        }
    }
    let capacity: Int
    private var entries: [Entry] = []

    init(capacity: Int) {
        self.capacity = capacity
        entries.reserveCapacity(capacity)
    }

    /// Keys above this bound cannot enter; equal keys may (ties go by index).
    var bound: Float { entries.count < capacity ? .infinity : entries[0].key }

    mutating func offer(key: Float, index: Int32) {
        let entry = Entry(key: key, index: index)
        if entries.count < capacity {
            entries.append(entry)
            siftUp(entries.count - 1)
        } else if entry < entries[0] {
            entries[0] = entry
            siftDown(0)
        }
    }

    func sorted() -> [Entry] { entries.sorted() }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[parent] < entries[child] else { return }
            entries.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < entries.count else { return }
            var largest = left
            if left + 1 < entries.count && entries[largest] < entries[left + 1] { largest = left + 1 }
            guard entries[parent] < entries[largest] else { return }
            entries.swapAt(parent, largest)
            parent = largest
        }
    }
}
