import DMLXCore

/// Multi-similarity pair mining (Wang et al. 2019), as pytorch-metric-learning's
/// `MultiSimilarityMiner` (epsilon 0.1, `CosineSimilarity`). With S the similarity:
///
/// - a positive pair (a, p) is kept when S_ap − ε < max_n S_an (it is less similar than
///   the hardest negative plus a margin);
/// - a negative pair (a, n) is kept when S_an + ε > min_p S_ap.
///
/// For a distance the inequalities are mirrored. Anchors without positives or without
/// negatives keep no pairs. Pairs come out in row-major order.
public struct MultiSimilarityMiner: Miner {
    public let epsilon: Double
    public let distance: any Distance

    public init(epsilon: Double = 0.1, distance: any Distance = CosineSimilarity()) {
        self.epsilon = epsilon
        self.distance = distance
    }

    public var name: String { "multi-similarity" }

    public func mine(embeddings: Matrix<Double>, labels: [Int], generator: inout SeededGenerator) -> (MinedTuples, [String: Double]) {
        let matrix = distance.matrix(embeddings)
        let closeness = { (i: Int, j: Int) in distance.closenessSign * matrix[i, j] }
        let (allPositive, allNegative) = MinedTuples.allPairs(labels: labels)
        var hardestNegative = [Int: Double](), hardestPositive = [Int: Double]()
        for (a, n) in allNegative { hardestNegative[a] = max(hardestNegative[a] ?? -.infinity, closeness(a, n)) }
        for (a, p) in allPositive { hardestPositive[a] = min(hardestPositive[a] ?? .infinity, closeness(a, p)) }
        let positive = allPositive.filter { a, p in
            hardestNegative[a].map { closeness(a, p) - epsilon < $0 } ?? false
        }
        let negative = allNegative.filter { a, n in
            hardestPositive[a].map { closeness(a, n) + epsilon > $0 } ?? false
        }
        let tuples = MinedTuples.pairs(positive: positive, negative: negative)
        return (tuples, MiningStatistics.of(tuples, matrix: matrix))
    }
}
