/// How many of the exact `k` nearest other points an approximate search found, averaged
/// over a seeded sample of `queries` query points: |approximate ∩ exact| / k, the recall
/// faiss's benchmarks report (neighbours tied in distance across rank k may count as
/// misses, so it errs low on data with duplicates).
public struct NeighborRecall: Sendable, Equatable {
    public let k: Int
    public let queries: Int
    public let value: Double

    public init(k: Int, queries: Int, value: Double) {
        self.k = k
        self.queries = queries
        self.value = value
    }

    /// The recall of `found` against `exact` (lists of the same queries, at least `k` each).
    public init(found: NeighborLists, exact: NeighborLists, k: Int) {
        precondition(found.count == exact.count && found.k >= k && exact.k >= k, "lists of the same queries, k or more each")
        var hits = 0
        for query in 0..<exact.count {
            let truth = Set(exact.neighbors(of: query).prefix(k).filter { $0 >= 0 })
            hits += found.neighbors(of: query).prefix(k).filter(truth.contains).count
        }
        self.init(k: k, queries: exact.count, value: exact.count * k == 0 ? 1 : Double(hits) / Double(exact.count * k))
    }

    /// "recall@10 0.97 on 1000 sampled queries"
    public var summary: String {
        "recall@\(k) \((value * 1000).rounded() / 1000) on \(queries) sampled queries"
    }
}
