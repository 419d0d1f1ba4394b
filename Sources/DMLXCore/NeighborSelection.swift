/// For each query, the `capacity` smallest (squared distance, index) pairs seen so far.
///
/// Each query owns a buffer of `capacity` + slack candidates, filled in arrival order.
/// When it is full, a quickselect keeps the `capacity` smallest and `bounds[q]` drops
/// to the largest kept key; only keys at or below the bound are buffered. Every
/// candidate thus costs O(1) amortized whatever k is (a heap pays log k per entry,
/// which dominates when k is the largest class size, as MAP@R needs).
///
/// A candidate is one `UInt64`: the key's bits mapped to an order-preserving unsigned
/// integer in the high half, the index in the low half, so that integer order is
/// (key, index) order: ties go to the smaller index and the kept set does not depend
/// on arrival order. The scans compare eight keys at a time against the bounds.
/// Workers share one instance but never touch the same query concurrently
/// (`NearestNeighbors` guarantees this by its schedule), hence `@unchecked Sendable`.
final class NeighborSelection: @unchecked Sendable {
    private typealias Lanes = SIMD8<Float>
    let queries: Int
    /// The global index of local query 0: tiles name queries by their index among all
    /// points, and a selection may hold one block of them.
    let firstQuery: Int
    let capacity: Int
    private let bufferSize: Int
    private let entries: UnsafeMutablePointer<UInt64>
    private let counts: UnsafeMutablePointer<Int>
    private let bounds: UnsafeMutablePointer<Float>

    init(queries: Int, capacity: Int, firstQuery: Int = 0) {
        self.queries = queries
        self.firstQuery = firstQuery
        self.capacity = capacity
        bufferSize = capacity + max(8, capacity / 2)
        entries = .allocate(capacity: queries * bufferSize)
        counts = .allocate(capacity: queries)
        counts.initialize(repeating: 0, count: queries)
        bounds = .allocate(capacity: queries)
        bounds.initialize(repeating: .infinity, count: queries)
    }

    func deallocate() {
        entries.deallocate()
        counts.deallocate()
        bounds.deallocate()
    }

    /// Offers row `i` of `tile` (keys of query `rows.lowerBound + i`, a global index,
    /// against the references `columns`) to that query's candidates.
    func scanRows(_ tile: UnsafePointer<Float>, rows: Range<Int>, columns: Range<Int>) {
        let width = columns.count
        for i in 0..<rows.count {
            let query = rows.lowerBound + i - firstQuery
            let row = tile + i * width
            var bound = bounds[query]
            var column = 0
            while column < width {
                let chunk = min(Lanes.scalarCount, width - column)
                if chunk < Lanes.scalarCount
                    || any(UnsafeRawPointer(row + column).loadUnaligned(as: Lanes.self) .<= Lanes(repeating: bound)) {
                    for offset in column..<(column + chunk) where row[offset] <= bound {
                        bound = offer(query: query, key: row[offset], index: columns.lowerBound + offset)
                    }
                }
                column += chunk
            }
        }
    }

    /// Offers column `j` of `tile` (keys of query `columns.lowerBound + j` against
    /// the references `rows`) to that query's candidates, reading the tile row by row
    /// and comparing eight columns against their eight bounds at once.
    func scanColumns(_ tile: UnsafePointer<Float>, rows: Range<Int>, columns: Range<Int>) {
        let width = columns.count
        let columnBounds = bounds + columns.lowerBound - firstQuery
        for i in 0..<rows.count {
            let reference = rows.lowerBound + i
            let row = tile + i * width
            var column = 0
            while column < width {
                let chunk = min(Lanes.scalarCount, width - column)
                if chunk < Lanes.scalarCount
                    || any(UnsafeRawPointer(row + column).loadUnaligned(as: Lanes.self)
                           .<= UnsafeRawPointer(columnBounds + column).loadUnaligned(as: Lanes.self)) {
                    for offset in column..<(column + chunk) where row[offset] <= columnBounds[offset] {
                        offer(query: columns.lowerBound + offset - firstQuery, key: row[offset], index: reference)
                    }
                }
                column += chunk
            }
        }
    }

    /// Every query's kept candidates sorted nearest first, keys turned into
    /// Euclidean distances.
    func sortedLists() -> NeighborLists {
        var sortedIndices = [Int32](repeating: -1, count: queries * capacity)
        var distances = [Float](repeating: .nan, count: queries * capacity)
        for query in 0..<queries {
            let buffer = entries + query * bufferSize
            let kept = min(counts[query], capacity)
            if counts[query] > capacity { Self.select(buffer, count: counts[query], keeping: capacity) }
            var front = UnsafeMutableBufferPointer(start: buffer, count: kept)
            front.sort()
            for rank in 0..<kept {
                sortedIndices[query * capacity + rank] = Int32(truncatingIfNeeded: buffer[rank])
                distances[query * capacity + rank] = max(0, Self.key(of: buffer[rank])).squareRoot()
            }
        }
        return NeighborLists(count: queries, k: capacity, indices: sortedIndices, distances: distances)
    }

    /// Buffers the candidate and returns the query's bound, lowered if the buffer was
    /// full and has been cut back to `capacity`.
    @inline(__always) @discardableResult
    private func offer(query: Int, key: Float, index: Int) -> Float {
        let buffer = entries + query * bufferSize
        buffer[counts[query]] = Self.pack(key: key, index: index)
        counts[query] += 1
        if counts[query] == bufferSize {
            Self.select(buffer, count: bufferSize, keeping: capacity)
            counts[query] = capacity
            bounds[query] = Self.key(of: buffer[capacity - 1])
        }
        return bounds[query]
    }

    /// Non-negative floats keep their order as unsigned bits once the sign bit is set;
    /// negative ones (rounding just below zero) reverse theirs, so all bits flip.
    /// −0 becomes +0 first, or it would sort before +0 instead of tying with it.
    @inline(__always)
    private static func pack(key: Float, index: Int) -> UInt64 {
        let bits = (key == 0 ? 0 : key).bitPattern
        let ordered = bits & 0x8000_0000 == 0 ? bits | 0x8000_0000 : ~bits
        return UInt64(ordered) << 32 | UInt64(UInt32(index))
    }

    private static func key(of entry: UInt64) -> Float {
        let ordered = UInt32(entry >> 32)
        return Float(bitPattern: ordered & 0x8000_0000 != 0 ? ordered & 0x7FFF_FFFF : ~ordered)
    }

    /// Quickselect (median-of-three pivot, Hoare partition) over distinct values:
    /// afterwards the `keeping` smallest occupy the front, the largest of them at
    /// `keeping − 1`.
    private static func select(_ values: UnsafeMutablePointer<UInt64>, count: Int, keeping: Int) {
        var low = 0
        var high = count - 1
        let target = keeping - 1
        while low < high {
            let middle = low + (high - low) / 2
            if values[middle] < values[low] { swap(&values[middle], &values[low]) }
            if values[high] < values[low] { swap(&values[high], &values[low]) }
            if values[high] < values[middle] { swap(&values[high], &values[middle]) }
            let pivot = values[middle]
            var left = low
            var right = high
            while left <= right {
                while values[left] < pivot { left += 1 }
                while pivot < values[right] { right -= 1 }
                if left <= right {
                    swap(&values[left], &values[right])
                    left += 1
                    right -= 1
                }
            }
            if target <= right { high = right } else if target >= left { low = left } else { break }
        }
    }
}
