import DMLXCore

/// Random triplets: for every anchor–positive pair (a, p) of the batch, one negative
/// drawn uniformly from the other classes with the run's seeded generator. Keeps every
/// positive pair, like "all", but one negative per pair instead of all of them, which
/// makes the cost linear in the number of positive pairs. (PML's closest analogue is
/// `triplets_per_anchor` in `TripletMarginLoss`.)
public struct RandomTripletMiner: Miner {
    public init() {}

    public var name: String { "random" }

    public func mine(embeddings: Matrix<Double>, labels: [Int], generator: inout SeededGenerator) -> (MinedTuples, [String: Double]) {
        var triplets = [(Int, Int, Int)]()
        for (a, p) in MinedTuples.allPairs(labels: labels).positive {
            let negatives = labels.indices.filter { labels[$0] != labels[a] }
            guard !negatives.isEmpty else { continue }
            triplets.append((a, p, negatives[generator.nextIndex(below: negatives.count)]))
        }
        let tuples = MinedTuples.triplets(triplets)
        return (tuples, MiningStatistics.of(tuples, matrix: LpDistance().matrix(embeddings)))
    }
}
