import DMLXCore

/// Batch-hard mining (Hermans, Beyer & Leibe 2017, "In Defense of the Triplet Loss"), as
/// pytorch-metric-learning's `BatchHardMiner`: for every anchor with at least one
/// positive and one negative, one triplet made of its farthest positive and its closest
/// negative. `LpDistance` on normalised embeddings, as PML. Ties go to the smaller index.
public struct BatchHardMiner: Miner {
    public let distance: any Distance

    public init(distance: any Distance = LpDistance()) {
        self.distance = distance
    }

    public var name: String { "hard" }

    public func mine(embeddings: Matrix<Double>, labels: [Int], generator: inout SeededGenerator) -> (MinedTuples, [String: Double]) {
        let matrix = distance.matrix(embeddings)
        let triplets = labels.indices.compactMap { a -> (Int, Int, Int)? in
            let others = labels.indices.filter { $0 != a }
            let farthestPositive = others.filter { labels[$0] == labels[a] }
                .min { distance.isCloser(matrix[a, $1], than: matrix[a, $0]) }
            let closestNegative = others.filter { labels[$0] != labels[a] }
                .min { distance.isCloser(matrix[a, $0], than: matrix[a, $1]) }
            guard let farthestPositive, let closestNegative else { return nil }
            return (a, farthestPositive, closestNegative)
        }
        let tuples = MinedTuples.triplets(triplets)
        return (tuples, MiningStatistics.of(tuples, matrix: matrix))
    }
}
