import DMLXCore

/// Greedy coverage batches (Roth, Milbich, Sinha, Gupta, Ommer & Cohen, "Revisiting
/// Training Strategies and Generalization Performance in Deep Metric Learning", ICML 2020,
/// §4.2 "greedy coreset" batch construction): each batch starts from a random candidate
/// pool of `poolFactor × batchSize` training samples (without replacement; the whole set
/// when smaller), embedded with the current weights, and keeps the k-center greedy
/// subset: a random first sample, then repeatedly the candidate whose distance to the
/// nearest already chosen sample is largest (ties to the earlier candidate), so the
/// batch covers the embedding space the pool spans. The pool factor 4 is dmlx's choice:
/// large enough that selection matters, small enough that embedding the pool before
/// every batch costs less than the batch's own forward and backward passes.
///
/// Labels play no part, so a batch may hold classes with a single sample: suited to
/// proxy losses, which need no in-batch positives.
public struct GreedyCoverageSampler: Sendable {
    public let batchSize: Int
    public let poolFactor: Int
    public let trainingCount: Int

    public init(trainingCount: Int, batchSize: Int, poolFactor: Int = 4) {
        precondition(batchSize >= 1 && poolFactor >= 1, "batch size and pool factor must be positive")
        self.trainingCount = trainingCount
        self.batchSize = batchSize
        self.poolFactor = poolFactor
    }

    /// ⌊n / batchSize⌋ batches per epoch (at least one), as `BatchSampler`.
    public var batchesPerEpoch: Int { max(1, trainingCount / batchSize) }

    /// The candidate pools of one epoch, as training-set indices.
    public func pools(generator: inout SeededGenerator) -> [[Int]] {
        let size = min(trainingCount, poolFactor * batchSize)
        return (0..<batchesPerEpoch).map { _ in
            Array(Array(0..<trainingCount).shuffled(using: &generator).prefix(size))
        }
    }

    /// The batch chosen from `pool`, whose rows of `embeddings` are its current embeddings.
    public func select(from pool: [Int], embeddings: Matrix<Float>, generator: inout SeededGenerator) -> [Int] {
        guard !pool.isEmpty else { return [] }
        let first = generator.nextIndex(below: pool.count)
        return Self.kCenterGreedy(embeddings, count: batchSize, first: first).map { pool[$0] }
    }

    /// `count` rows of `points` (all when there are fewer) chosen by k-center greedy from
    /// row `first`: each next row maximises its Euclidean distance to the nearest chosen row.
    public static func kCenterGreedy(_ points: Matrix<Float>, count: Int, first: Int) -> [Int] {
        let target = min(count, points.rows)
        var chosen = [Int]()
        // Chosen rows are marked −∞ so duplicates of them can still be picked, but never they.
        var nearest = Array(repeating: Double.infinity, count: points.rows)
        var next = first
        while chosen.count < target {
            chosen.append(next)
            nearest[next] = -.infinity
            for row in nearest.indices where nearest[row] > 0 {
                nearest[row] = min(nearest[row], squaredDistance(points, row, next))
            }
            next = nearest.indices.reduce(0) { nearest[$1] > nearest[$0] ? $1 : $0 }
        }
        return chosen
    }

    private static func squaredDistance(_ points: Matrix<Float>, _ a: Int, _ b: Int) -> Double {
        var sum = 0.0
        for c in 0..<points.cols {
            let difference = Double(points[a, c]) - Double(points[b, c])
            sum += difference * difference
        }
        return sum
    }
}
