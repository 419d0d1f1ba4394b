import DMLXCore

/// How far a 2-D map of an embedding can be believed, by two scores over each point's
/// `k` nearest neighbours (default 10):
///
/// - trustworthiness (Venna & Kaski, "Neighborhood preservation in nonlinear projection
///   methods", ICANN 2001), exactly scikit-learn's `sklearn.manifold.trustworthiness`:
///   `T = 1 − 2 / (n k (2n − 3k − 1)) · Σ_i Σ_{j ∈ U_i} (r(i, j) − k)`, where `U_i` are
///   the map neighbours of `i` that are not among its `k` nearest in the embedding and
///   `r(i, j)` is the rank of `j` by distance from `i` in the embedding (1 = nearest,
///   `i` itself excluded). 1 means the map invents no neighbours; it penalises points
///   drawn close that are far apart in the embedding.
/// - `neighborsKept`: the mean share of each point's `k` nearest neighbours in the
///   embedding that are also among its `k` nearest on the map (the other direction: how
///   much of the real neighbourhood the picture keeps).
///
/// Both read the embedding's neighbours from a `NeighborLists` the map was built from
/// (t-SNE's 90 or UMAP's 15 neighbours, at least `k`), so most ranks are looked up; only a
/// map neighbour beyond the stored lists needs its rank counted, over one row of
/// distances in Double (a GEMM per block of such points, `‖x‖² + ‖y‖² − 2x·y`, tiles of
/// references so memory stays O(block × tile)). The map's own neighbours come from
/// `PlaneNeighbors`. A good t-SNE map of 10,000 points scores in about a tenth of a second.
///
/// `queries` scores a subset (a seeded sample, for very large maps); the same formula over
/// the sampled points, with `n k` replaced by `m k`, is an unbiased estimate of `T`.
///
/// Ties (equal distances, common in integer pixel data) rank by the smaller index, as
/// dmlx's neighbour searches order them; scikit-learn leaves their order to NumPy's
/// unstable argsort, so the two agree to rounding on data without ties.
public struct MapTrust: Sendable, Equatable {
    /// The neighbourhood size (scikit-learn's `n_neighbors`).
    public let k: Int
    public let trustworthiness: Double
    public let neighborsKept: Double
    /// How many points were scored, and how many the map has.
    public let scoredPoints: Int
    public let pointCount: Int

    public var isSampled: Bool { scoredPoints < pointCount }

    public init(k: Int, trustworthiness: Double, neighborsKept: Double, scoredPoints: Int, pointCount: Int) {
        self.k = k
        self.trustworthiness = trustworthiness
        self.neighborsKept = neighborsKept
        self.scoredPoints = scoredPoints
        self.pointCount = pointCount
    }

    /// Scores `layout` (`n × 2`) as a map of `embedding` (`n × d`), whose neighbour lists
    /// (self excluded, nearest first, as `NearestNeighbors.search` gives them) are
    /// `embeddingNeighbors` with at least `k` entries per point — or, with `queries` fewer
    /// than every point, one list per query in `queries`' order (all a linear map, which
    /// needs no graph of its own, must search). Nil when the scores are
    /// undefined: scikit-learn asks for `k < n / 2`.
    public static func measure(
        embedding: Matrix<Float>, layout: Matrix<Float>, embeddingNeighbors: NeighborLists,
        k: Int = 10, queries: [Int]? = nil
    ) -> MapTrust? {
        let n = embedding.rows
        let perQuery = queries.map { embeddingNeighbors.count == $0.count && $0.count != n } ?? false
        precondition(layout.rows == n && (embeddingNeighbors.count == n || perQuery),
                     "a map of \(n) points needs \(n) layout rows and a neighbour list per point or per scored query")
        precondition(embeddingNeighbors.k >= k, "trust at k = \(k) needs at least \(k) stored neighbours, not \(embeddingNeighbors.k)")
        guard k >= 1, Double(k) < Double(n) / 2 else { return nil }
        let scored = queries ?? Array(0..<n)
        guard !scored.isEmpty else { return nil }
        let onMap = PlaneNeighbors.search(layout, k: k, queries: scored)
        let tolerance = Tolerance(embedding)
        var penalty = 0.0
        var kept = 0
        var unlisted: [(query: Int, others: [Int])] = []
        for (slot, query) in scored.enumerated() {
            let rankOf = exactRanks(of: query, embeddingNeighbors.neighbors(of: perQuery ? slot : query), in: embedding,
                                    tolerance: tolerance)
            var beyond: [Int] = []
            for neighbor in onMap.neighbors(of: slot) {
                if let rank = rankOf[Int(neighbor)] {
                    if rank <= k { kept += 1 } else { penalty += Double(rank - k) }
                } else {
                    beyond.append(Int(neighbor))
                }
            }
            if !beyond.isEmpty { unlisted.append((query, beyond)) }
        }
        for rank in countedRanks(unlisted, in: embedding, tolerance: tolerance) {
            if rank <= k { kept += 1 } else { penalty += Double(rank - k) }
        }
        let m = Double(scored.count), dk = Double(k), dn = Double(n)
        return MapTrust(k: k, trustworthiness: 1 - penalty * 2 / (m * dk * (2 * dn - 3 * dk - 1)),
                        neighborsKept: Double(kept) / (m * dk), scoredPoints: scored.count, pointCount: n)
    }

    /// The exact ranks (by Double distance, ties to the smaller index) of the stored
    /// neighbours of `query` that are certainly ranked right: the Float search that
    /// listed them may have swapped near-ties, and may have left out a point up to two
    /// rounding errors closer than the farthest listed one, so only the listed points
    /// nearer than that are given a rank here; the rest are counted exactly.
    private static func exactRanks(of query: Int, _ stored: ArraySlice<Int32>, in embedding: Matrix<Float>,
                                   tolerance: Tolerance) -> [Int: Int] {
        let listed = stored.filter { $0 >= 0 }.map { Int($0) }
        let exact = listed.map { (squared: embedding.exactSquaredDistance(query, to: embedding, $0), index: $0) }.sorted { $0 < $1 }
        let holdsEveryone = listed.count == embedding.rows - 1
        let limit = holdsEveryone ? .infinity : (exact.last?.squared ?? 0) - 2 * tolerance.absolute(query)
        var ranks: [Int: Int] = [:]
        for (position, entry) in exact.enumerated() where entry.squared < limit { ranks[entry.index] = position + 1 }
        return ranks
    }

    /// How far Float's `‖x‖² + ‖y‖² − 2x·y` can be from the exact squared distance: at
    /// most about 2d·2⁻²³ of `‖x‖² + ‖y‖²` (the d-term dot product and the two norms).
    private struct Tolerance {
        let relative: Float
        let norms: [Float]
        let largestNorm: Float

        init(_ embedding: Matrix<Float>) {
            relative = Float(2 * max(embedding.cols, 1)) * Float.ulpOfOne
            norms = embedding.rowSquaredNorms
            largestNorm = norms.max() ?? 0
        }

        func of(_ i: Int, _ j: Int) -> Float { relative * (norms[i] + norms[j]) }

        /// A bound for `i` against any point.
        func absolute(_ i: Int) -> Double { Double(relative * (norms[i] + largestNorm)) }
    }

    /// Queries per GEMM block and references per tile of the counting pass.
    private static let block = 256
    private static let tile = 4096

    /// The ranks `r(i, j)` of the map neighbours `j` of `i` that `exactRanks` left out, `r(i, j) = 1 + #{l ≠ i : (d(i, l), l) < (d(i, j), j)}`: one Float GEMM per block of
    /// such queries and tile of references, entries within rounding of a threshold
    /// decided by their exact Double distance.
    private static func countedRanks(_ unlisted: [(query: Int, others: [Int])], in embedding: Matrix<Float>,
                                     tolerance: Tolerance) -> [Int] {
        guard !unlisted.isEmpty else { return [] }
        let norms = tolerance.norms
        var ranks: [Int] = []
        var products = [Float](repeating: 0, count: block * tile)
        var sure = [Float](repeating: 0, count: tile)
        var unsure = [Float](repeating: 0, count: tile)
        for blockStart in stride(from: 0, to: unlisted.count, by: block) {
            let members = Array(unlisted[blockStart..<min(unlisted.count, blockStart + block)])
            let queries = embedding.rows(members.map(\.query))
            let thresholds = members.map { member in member.others.map { embedding.exactSquaredDistance(member.query, to: embedding, $0) } }
            var closer = thresholds.map { [Int](repeating: 0, count: $0.count) }
            for tileStart in stride(from: 0, to: embedding.rows, by: tile) {
                let width = min(embedding.rows, tileStart + tile) - tileStart
                multiply(queries, embedding, references: tileStart..<(tileStart + width), into: &products)
                for (slot, member) in members.enumerated() {
                    let queryNorm = norms[member.query]
                    for column in 0..<width {
                        let reference = tileStart + column
                        let squared = queryNorm + norms[reference] - 2 * products[slot * width + column]
                        let tolerance = tolerance.of(member.query, reference)
                        // The query itself is never closer than anything.
                        let isSelf = reference == member.query
                        sure[column] = isSelf ? .infinity : squared + tolerance
                        unsure[column] = isSelf ? .infinity : squared - tolerance
                    }
                    for (pair, threshold) in thresholds[slot].enumerated() {
                        let other = member.others[pair]
                        // One Float step either side of the Double threshold, so rounding
                        // it cannot decide a call.
                        let (lower, upper) = (Float(threshold).nextDown, Float(threshold).nextUp)
                        var count = 0
                        for column in 0..<width where unsure[column] < upper {
                            if sure[column] < lower { count += 1; continue }
                            let exact = embedding.exactSquaredDistance(member.query, to: embedding, tileStart + column)
                            if exact < threshold || (exact == threshold && tileStart + column < other) { count += 1 }
                        }
                        closer[slot][pair] += count
                    }
                }
            }
            ranks += closer.joined().map { 1 + $0 }
        }
        return ranks
    }

    /// `products = queries · embedding[references]ᵀ`, row-major with `references.count` columns.
    private static func multiply(_ queries: Matrix<Float>, _ embedding: Matrix<Float>, references: Range<Int>, into products: inout [Float]) {
        let width = embedding.cols
        queries.storage.withUnsafeBufferPointer { a in
            embedding.storage.withUnsafeBufferPointer { b in
                products.withUnsafeMutableBufferPointer { c in
                    Float.gemm(transposeA: false, transposeB: true, m: queries.rows, n: references.count, k: width, alpha: 1,
                               a: a.baseAddress!, lda: width, b: b.baseAddress! + references.lowerBound * width, ldb: width,
                               beta: 0, c: c.baseAddress!, ldc: references.count)
                }
            }
        }
    }

}
