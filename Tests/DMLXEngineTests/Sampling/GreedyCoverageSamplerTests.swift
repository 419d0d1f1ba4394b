import DMLXCore
import DMLXEngine
import Testing

/// Greedy coverage batches: k-center greedy checked step by step against a brute-force
/// search, and on a toy set where greedy reaches the best possible spread.
@Suite struct GreedyCoverageSamplerTests {
    static func distance(_ points: [[Float]], _ a: Int, _ b: Int) -> Float {
        zip(points[a], points[b]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }

    /// The smallest distance between two of the chosen points.
    static func spread(_ points: [[Float]], _ chosen: [Int]) -> Float {
        var smallest = Float.infinity
        for i in chosen.indices { for j in chosen.indices where i < j { smallest = min(smallest, distance(points, chosen[i], chosen[j])) } }
        return smallest
    }

    @Test func everyStepAddsThePointFarthestFromTheChosenOnes() {
        var generator = SeededGenerator(seed: 3)
        let points = (0..<40).map { _ in (0..<3).map { _ in Float(generator.nextGaussian()) } }
        let chosen = GreedyCoverageSampler.kCenterGreedy(Matrix(points), count: 12, first: 7)
        #expect(chosen.first == 7 && chosen.count == 12 && Set(chosen).count == 12)
        for step in 1..<chosen.count {
            let before = chosen.prefix(step)
            func coverage(_ candidate: Int) -> Float { before.map { Self.distance(points, candidate, $0) }.min()! }
            let best = points.indices.filter { !before.contains($0) }.map(coverage).max()!
            #expect(abs(coverage(chosen[step]) - best) <= 1e-5, "step \(step)")
        }
    }

    @Test func toySetSpreadMatchesBruteForceMaximum() {
        // Four corners of a 10 × 10 square, and points inside it.
        let points: [[Float]] = [[0, 0], [5, 5], [10, 0], [5, 6], [0, 10], [2, 2], [10, 10], [4, 5], [8, 3]]
        let chosen = GreedyCoverageSampler.kCenterGreedy(Matrix(points), count: 4, first: 0)
        var best: Float = 0
        for a in 0..<9 { for b in (a + 1)..<9 { for c in (b + 1)..<9 { for d in (c + 1)..<9 {
            best = max(best, Self.spread(points, [a, b, c, d]))
        } } } }
        #expect(best == 10)
        #expect(Self.spread(points, chosen) == best)
        #expect(Set(chosen) == [0, 2, 4, 6])
    }

    @Test func duplicatesAreNeverChosenTwice() {
        let points = Matrix<Float>([[1, 1], [1, 1], [1, 1]])
        #expect(GreedyCoverageSampler.kCenterGreedy(points, count: 5, first: 1) == [1, 0, 2])
    }

    @Test func poolsAreRandomSubsetsAndBatchesComeFromThem() {
        let sampler = GreedyCoverageSampler(trainingCount: 100, batchSize: 8)
        var generator = SeededGenerator(seed: 2)
        let pools = sampler.pools(generator: &generator)
        #expect(pools.count == 12 && pools.allSatisfy { $0.count == 32 && Set($0).count == 32 })
        let embeddings = Matrix<Float>(pools[0].map { [Float($0), 0] })
        let batch = sampler.select(from: pools[0], embeddings: embeddings, generator: &generator)
        #expect(batch.count == 8 && Set(batch).isSubset(of: pools[0]))
        // On a line the second pick is an end of the pool.
        #expect([pools[0].min()!, pools[0].max()!].contains(batch[1]))
    }

    @Test func trainerTrainsOnGreedyBatches() throws {
        let configuration = TrainingConfiguration(loss: LossConfiguration(name: "proxy-nca"), epochs: 1, sampler: .greedy)
        let trainer = try Trainer(configuration, data: PreparedData(configuration))
        let snapshot = try #require(try trainer.trainEpoch())
        #expect((snapshot.record.loss ?? .nan).isFinite && snapshot.batchLosses.count == trainer.data.split.train.count / 64)
    }
}
