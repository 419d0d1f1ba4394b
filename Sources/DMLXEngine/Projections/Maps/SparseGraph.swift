import DMLXCore

/// A sparse `n × n` matrix of non-negative weights in compressed-row form: the edges of
/// row `i` are `columns[offsets[i]..<offsets[i + 1]]`, ascending, with `weights` in the
/// same places. t-SNE's joint probabilities `P` and UMAP's fuzzy simplicial set are
/// both one of these, built from a k-nearest-neighbour graph, so a map costs O(n·k)
/// memory and never n × n.
public struct SparseGraph: Sendable, Equatable {
    public let count: Int
    /// `count + 1` row starts; `offsets[count]` is the number of stored edges.
    public let offsets: [Int]
    public let columns: [Int32]
    public let weights: [Float]

    /// Checks the compressed-row invariants: `offsets` rises from 0 to `columns.count`,
    /// each row's columns are in `0..<count` and strictly ascending.
    public init(count: Int, offsets: [Int], columns: [Int32], weights: [Float]) {
        precondition(offsets.count == count + 1 && offsets.first == 0 && offsets.last == columns.count,
                     "a graph of \(count) rows needs \(count + 1) offsets from 0 to \(columns.count)")
        precondition(weights.count == columns.count, "\(columns.count) edges but \(weights.count) weights")
        for row in 0..<count {
            let edges = columns[offsets[row]..<offsets[row + 1]]
            precondition(zip(edges, edges.dropFirst()).allSatisfy { $0 < $1 } && edges.allSatisfy { $0 >= 0 && Int($0) < count },
                         "row \(row) needs strictly ascending columns in 0..<\(count)")
        }
        self.count = count
        self.offsets = offsets
        self.columns = columns
        self.weights = weights
    }

    public var edgeCount: Int { columns.count }

    /// The stored edges of row `i`.
    public func row(_ i: Int) -> (columns: ArraySlice<Int32>, weights: ArraySlice<Float>) {
        let range = offsets[i]..<offsets[i + 1]
        return (columns[range], weights[range])
    }

    /// The weight at `(i, j)`, 0 when no edge is stored (binary search of row `i`).
    public func weight(_ i: Int, _ j: Int) -> Float {
        let (columns, weights) = row(i)
        var low = columns.startIndex, high = columns.endIndex
        while low < high {
            let middle = (low + high) / 2
            if Int(columns[middle]) < j { low = middle + 1 } else { high = middle }
        }
        return low < columns.endIndex && Int(columns[low]) == j ? weights[low] : 0
    }

    /// The symmetric graph whose edge `{i, j}` carries `combine(w_ij, w_ji)` for the
    /// directed weights `directed(i, rank)` of `neighbors`' lists (0 where `j` does not
    /// list `i`), over the union of both directions' edges. Entries of `neighbors` with
    /// index −1 (no neighbour) are skipped, as are combined weights of 0.
    ///
    /// t-SNE combines by `(p_j|i + p_i|j)` (then normalises), UMAP by the fuzzy union
    /// `a + b − ab`. Cost O(n·k log(n·k)) for the sort of both directions' edges.
    public static func symmetrized(
        _ neighbors: NeighborLists, directed: (_ query: Int, _ rank: Int) -> Float,
        combine: (_ forward: Float, _ backward: Float) -> Float
    ) -> SparseGraph {
        // Both directions of every listed edge, keyed row-major; the low bit says which
        // direction the weight came from.
        var keyed: [(key: UInt64, weight: Float)] = []
        keyed.reserveCapacity(2 * neighbors.count * neighbors.k)
        for i in 0..<neighbors.count {
            for (rank, j) in neighbors.neighbors(of: i).enumerated() where j >= 0 && Int(j) != i {
                let w = directed(i, rank)
                keyed.append((UInt64(i) << 33 | UInt64(j) << 1, w))
                keyed.append((UInt64(j) << 33 | UInt64(i) << 1 | 1, w))
            }
        }
        keyed.sort { $0.key < $1.key }
        var offsets = [Int](repeating: 0, count: neighbors.count + 1)
        var columns: [Int32] = []
        var weights: [Float] = []
        var index = 0
        while index < keyed.count {
            let pair = keyed[index].key >> 1
            var forward: Float = 0, backward: Float = 0
            while index < keyed.count && keyed[index].key >> 1 == pair {
                if keyed[index].key & 1 == 0 { forward = keyed[index].weight } else { backward = keyed[index].weight }
                index += 1
            }
            let combined = combine(forward, backward)
            guard combined != 0 else { continue }
            offsets[Int(pair >> 32) + 1] += 1
            columns.append(Int32(pair & 0xFFFF_FFFF))
            weights.append(combined)
        }
        for row in 0..<neighbors.count { offsets[row + 1] += offsets[row] }
        return SparseGraph(count: neighbors.count, offsets: offsets, columns: columns, weights: weights)
    }
}
