/// One bounded max-heap per query of the `capacity` smallest (squared distance,
/// index) pairs seen so far, ordered by key and then by index, in flat storage.
///
/// `bounds[q]` mirrors the largest kept key (infinity while the heap is not full) so
/// the scans compare eight products at a time against it and touch a heap only when
/// an entry can enter. Entries equal to the bound are offered too: ties go by index.
/// Workers share one instance but must never touch the same query concurrently
/// (`NearestNeighbors` guarantees this by its schedule), hence `@unchecked Sendable`.
final class NeighborHeaps: @unchecked Sendable {
    private typealias Lanes = SIMD8<Float>
    let queries: Int
    let capacity: Int
    private let keys: UnsafeMutablePointer<Float>
    private let indices: UnsafeMutablePointer<Int32>
    private let counts: UnsafeMutablePointer<Int>
    private let bounds: UnsafeMutablePointer<Float>

    init(queries: Int, capacity: Int) {
        self.queries = queries
        self.capacity = capacity
        keys = .allocate(capacity: queries * capacity)
        indices = .allocate(capacity: queries * capacity)
        counts = .allocate(capacity: queries)
        counts.initialize(repeating: 0, count: queries)
        bounds = .allocate(capacity: queries)
        bounds.initialize(repeating: .infinity, count: queries)
    }

    func deallocate() {
        keys.deallocate()
        indices.deallocate()
        counts.deallocate()
        bounds.deallocate()
    }

    /// Offers row `i` of `tile` (keys of query `rows.lowerBound + i` against the
    /// references `columns`) to that query's heap.
    func scanRows(_ tile: UnsafePointer<Float>, rows: Range<Int>, columns: Range<Int>) {
        let width = columns.count
        for i in 0..<rows.count {
            let query = rows.lowerBound + i
            let row = tile + i * width
            var column = 0
            while column + Lanes.scalarCount <= width {
                let values = UnsafeRawPointer(row + column).loadUnaligned(as: Lanes.self)
                if any(values .<= Lanes(repeating: bounds[query])) {
                    for lane in 0..<Lanes.scalarCount where values[lane] <= bounds[query] {
                        offer(query: query, key: values[lane], index: columns.lowerBound + column + lane)
                    }
                }
                column += Lanes.scalarCount
            }
            for tail in column..<width where row[tail] <= bounds[query] {
                offer(query: query, key: row[tail], index: columns.lowerBound + tail)
            }
        }
    }

    /// Offers column `j` of `tile` (keys of query `columns.lowerBound + j` against
    /// the references `rows`) to that query's heap, reading the tile row by row and
    /// comparing eight columns against their eight bounds at once.
    func scanColumns(_ tile: UnsafePointer<Float>, rows: Range<Int>, columns: Range<Int>) {
        let width = columns.count
        let columnBounds = bounds + columns.lowerBound
        for i in 0..<rows.count {
            let reference = rows.lowerBound + i
            let row = tile + i * width
            var column = 0
            while column + Lanes.scalarCount <= width {
                let values = UnsafeRawPointer(row + column).loadUnaligned(as: Lanes.self)
                let limits = UnsafeRawPointer(columnBounds + column).loadUnaligned(as: Lanes.self)
                if any(values .<= limits) {
                    for lane in 0..<Lanes.scalarCount where values[lane] <= columnBounds[column + lane] {
                        offer(query: columns.lowerBound + column + lane, key: values[lane], index: reference)
                    }
                }
                column += Lanes.scalarCount
            }
            for tail in column..<width where row[tail] <= columnBounds[tail] {
                offer(query: columns.lowerBound + tail, key: row[tail], index: reference)
            }
        }
    }

    /// Every heap sorted nearest first, keys turned into Euclidean distances.
    func sortedLists() -> NeighborLists {
        var sortedIndices = [Int32](repeating: -1, count: queries * capacity)
        var distances = [Float](repeating: .nan, count: queries * capacity)
        for query in 0..<queries {
            let base = query * capacity
            let entries = (base..<(base + counts[query])).map { (key: keys[$0], index: indices[$0]) }
                .sorted { precedes($0.key, $0.index, $1.key, $1.index) }
            for (rank, entry) in entries.enumerated() {
                sortedIndices[base + rank] = entry.index
                distances[base + rank] = max(0, entry.key).squareRoot()
            }
        }
        return NeighborLists(count: queries, k: capacity, indices: sortedIndices, distances: distances)
    }

    @inline(__always)
    private func precedes(_ key: Float, _ index: Int32, _ otherKey: Float, _ otherIndex: Int32) -> Bool {
        key < otherKey || (key == otherKey && index < otherIndex)
    }

    private func offer(query: Int, key: Float, index referenceIndex: Int) {
        let heapKeys = keys + query * capacity
        let heapIndices = indices + query * capacity
        let index = Int32(referenceIndex)
        let count = counts[query]
        if count < capacity {
            siftUp(heapKeys, heapIndices, from: count, key: key, index: index)
            counts[query] = count + 1
            if count + 1 == capacity { bounds[query] = heapKeys[0] }
        } else if precedes(key, index, heapKeys[0], heapIndices[0]) {
            siftDown(heapKeys, heapIndices, count: count, key: key, index: index)
            bounds[query] = heapKeys[0]
        }
    }

    /// Places (key, index) at the new slot `hole` and moves it up past smaller parents.
    private func siftUp(_ heapKeys: UnsafeMutablePointer<Float>, _ heapIndices: UnsafeMutablePointer<Int32>,
                        from start: Int, key: Float, index: Int32) {
        var hole = start
        while hole > 0 {
            let parent = (hole - 1) / 2
            guard precedes(heapKeys[parent], heapIndices[parent], key, index) else { break }
            heapKeys[hole] = heapKeys[parent]
            heapIndices[hole] = heapIndices[parent]
            hole = parent
        }
        heapKeys[hole] = key
        heapIndices[hole] = index
    }

    /// Replaces the root by (key, index) and moves it down past larger children.
    private func siftDown(_ heapKeys: UnsafeMutablePointer<Float>, _ heapIndices: UnsafeMutablePointer<Int32>,
                          count: Int, key: Float, index: Int32) {
        var hole = 0
        while true {
            var child = 2 * hole + 1
            guard child < count else { break }
            if child + 1 < count && precedes(heapKeys[child], heapIndices[child], heapKeys[child + 1], heapIndices[child + 1]) {
                child += 1
            }
            guard precedes(key, index, heapKeys[child], heapIndices[child]) else { break }
            heapKeys[hole] = heapKeys[child]
            heapIndices[hole] = heapIndices[child]
            hole = child
        }
        heapKeys[hole] = key
        heapIndices[hole] = index
    }
}
