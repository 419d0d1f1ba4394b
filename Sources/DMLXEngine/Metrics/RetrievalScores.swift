import DMLXCore

/// Leave-one-out retrieval scores from neighbour lists, as pytorch-metric-learning
/// 2.9's `AccuracyCalculator` computes them with query = reference
/// (`ref_includes_query=True`, the query dropped from its own list by index).
///
/// For a query of class c, R is the number of *other* samples of class c. A query
/// whose class has no other member (R = 0, a "lone" query) can never be answered, and
/// PML leaves it out of every average; so does Recall@K here, which makes Recall@1
/// equal precision@1. When every query is lone the scores are NaN, as in PML.
/// - precision@1: the fraction of queries whose nearest other sample shares the class.
/// - R-precision: (same-class samples among the R nearest) / R, averaged.
/// - MAP@R: (1/R) Σ_{i ≤ R} P(i)·rel(i), where rel(i) says whether the i-th nearest
///   shares the class and P(i) is the precision among the first i (Musgrave, Belongie
///   & Lim, "A Metric Learning Reality Check", ECCV 2020), averaged.
/// - Recall@K: the fraction of queries with at least one same-class sample among their
///   K nearest others (Movshovitz-Attias et al., "No Fuss Distance Metric Learning
///   using Proxies", ICCV 2017), for K in `RetrievalMetrics.recallKs`.
public struct RetrievalScores: Sendable, Equatable {
    public var recallAt: [Int: Double]
    public var precisionAt1: Double
    public var rPrecision: Double
    public var mapAtR: Double

    /// How many neighbours each query needs for exact scores: the largest K of
    /// Recall@K or the largest R, whichever is more (capped at the other samples).
    public static func neighborCount(for labels: [Int]) -> Int {
        let largestClass = classSizes(labels).values.max() ?? 0
        return min(max(RetrievalMetrics.recallKs.max()!, largestClass - 1), max(0, labels.count - 1))
    }

    /// Scores the leave-one-out `neighbors` of every sample; `neighbors.k` must be at
    /// least `neighborCount(for: labels)`.
    public init(neighbors: NeighborLists, labels: [Int]) {
        precondition(neighbors.count == labels.count, "\(neighbors.count) neighbour lists for \(labels.count) labels")
        var accumulator = Accumulator(labels: labels)
        accumulator.add(neighbors, from: 0)
        self = accumulator.scores
    }

    init(recallAt: [Int: Double], precisionAt1: Double, rPrecision: Double, mapAtR: Double) {
        self.recallAt = recallAt
        self.precisionAt1 = precisionAt1
        self.rPrecision = rPrecision
        self.mapAtR = mapAtR
    }

    /// The scores summed query by query, in index order, from lists that may come a block
    /// at a time (`NearestNeighbors.forEachQueryBlock`), so memory need not hold every
    /// query's R neighbours at once; the result is the same to the last bit however the
    /// queries are split.
    struct Accumulator {
        let labels: [Int]
        let sizes: [Int: Int]
        /// `neighborCount(for: labels)`, found once rather than for every block.
        let needed: Int
        private var precisionHits = 0
        private var rPrecisionSum = 0.0
        private var averagePrecisionSum = 0.0
        private var answerable = 0
        private var recallHits = [Int: Int]()

        init(labels: [Int]) {
            self.labels = labels
            sizes = RetrievalScores.classSizes(labels)
            needed = RetrievalScores.neighborCount(for: labels)
        }

        /// Adds the queries `first..<first + lists.count`, whose lists `lists` holds.
        mutating func add(_ lists: NeighborLists, from first: Int) {
            precondition(lists.k >= needed, "R-precision and MAP@R need \(needed) neighbours, got \(lists.k)")
            for local in 0..<lists.count {
                let query = first + local
                let relevant = sizes[labels[query], default: 0] - 1
                guard relevant > 0 else { continue }
                answerable += 1
                let matches = RetrievalScores.matches(of: local, lists, label: labels[query], labels)
                if matches.first == true { precisionHits += 1 }
                let (hits, precisionSum) = RetrievalScores.hitsAndPrecisionSum(matches.prefix(relevant))
                rPrecisionSum += Double(hits) / Double(relevant)
                averagePrecisionSum += precisionSum / Double(relevant)
                RetrievalScores.countRecall(firstMatch: matches.firstIndex(of: true), into: &recallHits)
            }
        }

        var scores: RetrievalScores {
            let mean = { (total: Double) in total / Double(answerable) }
            return RetrievalScores(
                recallAt: RetrievalScores.recall(hits: recallHits, answerable: answerable),
                precisionAt1: mean(Double(precisionHits)), rPrecision: mean(rPrecisionSum), mapAtR: mean(averagePrecisionSum))
        }
    }

    /// Recall@K alone, for K in `RetrievalMetrics.recallKs`, from lists of at least the
    /// largest K neighbours (all a benchmark of Recall@K needs; no R-sized lists).
    public static func recallAt(neighbors: NeighborLists, labels: [Int]) -> [Int: Double] {
        let largestK = RetrievalMetrics.recallKs.max()!
        precondition(neighbors.k >= min(largestK, labels.count - 1), "Recall@\(largestK) needs \(largestK) neighbours, got \(neighbors.k)")
        let sizes = classSizes(labels)
        var hits = [Int: Int]()
        var answerable = 0
        for query in labels.indices where sizes[labels[query], default: 0] > 1 {
            answerable += 1
            countRecall(firstMatch: matches(of: query, neighbors, label: labels[query], labels).firstIndex(of: true), into: &hits)
        }
        return recall(hits: hits, answerable: answerable)
    }

    /// Counts a query whose first same-class neighbour is at rank `firstMatch` (0-based)
    /// as a hit for every K beyond it.
    private static func countRecall(firstMatch: Int?, into hits: inout [Int: Int]) {
        guard let firstMatch else { return }
        for k in RetrievalMetrics.recallKs where firstMatch < k { hits[k, default: 0] += 1 }
    }

    private static func recall(hits: [Int: Int], answerable: Int) -> [Int: Double] {
        Dictionary(uniqueKeysWithValues: RetrievalMetrics.recallKs.map { ($0, Double(hits[$0, default: 0]) / Double(answerable)) })
    }

    /// Whether each neighbour listed in row `row` of `lists` has class `label`, nearest first.
    static func matches(of row: Int, _ lists: NeighborLists, label: Int, _ labels: [Int]) -> [Bool] {
        lists.neighbors(of: row).map { $0 >= 0 && labels[Int($0)] == label }
    }

    /// The number of matches among the first R, and Σ P(i) over the ranks i that match.
    static func hitsAndPrecisionSum(_ matches: ArraySlice<Bool>) -> (Int, Double) {
        var hits = 0
        var precisionSum = 0.0
        for (rank, isMatch) in matches.enumerated() where isMatch {
            hits += 1
            precisionSum += Double(hits) / Double(rank + 1)
        }
        return (hits, precisionSum)
    }

    static func classSizes(_ labels: [Int]) -> [Int: Int] {
        labels.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }
}
