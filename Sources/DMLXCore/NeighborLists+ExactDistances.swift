extension NeighborLists {
    /// Neighbours a list should be searched beyond the `k` that are kept, so that
    /// `withExactDistances(keeping: k)` finds the exact `k` nearest even where the
    /// search's Float ranking swapped near-ties across rank `k`.
    public static func searchMargin(for k: Int) -> Int { max(4, k / 8) }

    /// The first `keeping` (at most `k`) of each list after every distance is recomputed
    /// from the vectors (`Matrix.exactSquaredDistance`) and the list re-sorted by it, ties
    /// to the smaller index. The blocked search ranks by Float GEMM products, whose
    /// rounding is relative to the vectors' norms, not to their distance; methods that
    /// weigh neighbours by their distance (t-SNE's perplexity calibration, UMAP's
    /// bandwidths) need the distances right, and lists searched `searchMargin` wider than
    /// kept get the right neighbours at the edge too. Cost O(n·k·d), a small fraction of
    /// the search's O(n²·d).
    public func withExactDistances(queries: Matrix<Float>, references: Matrix<Float>, keeping: Int? = nil,
                                   threads: Int = 1) -> NeighborLists {
        precondition(queries.rows == count, "\(count) lists but \(queries.rows) queries")
        let kept = min(keeping ?? k, k)
        var indices = [Int32](repeating: -1, count: count * kept)
        var distances = [Float](repeating: .nan, count: count * kept)
        indices.withUnsafeMutableBufferPointer { indices in
            distances.withUnsafeMutableBufferPointer { distances in
                Parallel.forEachSlice(of: count, workers: threads) { slice in
                    for query in slice {
                        let listed = neighbors(of: query).filter { $0 >= 0 }.map { j in
                            (queries.exactSquaredDistance(query, to: references, Int(j)), j)
                        }.sorted { $0 < $1 }
                        for (rank, (squared, j)) in listed.prefix(kept).enumerated() {
                            indices[query * kept + rank] = j
                            distances[query * kept + rank] = Float(squared.squareRoot())
                        }
                    }
                }
            }
        }
        return NeighborLists(count: count, k: kept, indices: indices, distances: distances)
    }
}
