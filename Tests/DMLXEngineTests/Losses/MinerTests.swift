import DMLXCore
import DMLXEngine
import Testing

/// Miners on hand-built batches: points on a line, raw Euclidean distances, so every
/// margin can be checked by eye.
@Suite struct MinerTests {
    static func line(_ xs: [Double]) -> Matrix<Double> { Matrix(xs.map { [$0, 0] }) }
    static let raw = LpDistance(normalizeEmbeddings: false)

    // Class A at 0 and 1, class B at 1.1 and 5. Margins d(a,n) − d(a,p):
    // (0,1,2) 0.1 semihard, (0,1,3) 4 easy, (1,0,2) −0.9 hard, (1,0,3) 3 easy,
    // (2,3,0) −2.8 hard, (2,3,1) −3.8 hard, (3,2,0) 1.1 easy, (3,2,1) 0.1 semihard.
    static let batch = line([0, 1, 1.1, 5])
    static let labels = [0, 0, 1, 1]

    func mine(_ miner: any Miner, _ embeddings: Matrix<Double> = batch, _ labels: [Int] = labels, seed: UInt64 = 1)
        -> (MinedTuples, [String: Double]) {
        var generator = SeededGenerator(seed: seed)
        return miner.mine(embeddings: embeddings, labels: labels, generator: &generator)
    }

    @Test(arguments: [
        (TripletMarginMiner.TripletType.semihard, [(0, 1, 2), (3, 2, 1)]),
        (.hard, [(1, 0, 2), (2, 3, 0), (2, 3, 1)]),
        (.easy, [(0, 1, 3), (1, 0, 3), (3, 2, 0)]),
        (.all, [(0, 1, 2), (1, 0, 2), (2, 3, 0), (2, 3, 1), (3, 2, 1)]),
    ])
    func tripletMarginMiner(type: TripletMarginMiner.TripletType, expected: [(Int, Int, Int)]) {
        let (tuples, statistics) = mine(TripletMarginMiner(margin: 0.2, type: type, distance: Self.raw))
        #expect(tuples.triplets.elementsEqual(expected, by: ==))
        #expect(statistics["mined"] == Double(expected.count))
    }

    @Test func batchHardTakesFarthestPositiveAndClosestNegative() {
        // A at 0, 1, −2; B at 1.5, 4.
        let (tuples, statistics) = mine(BatchHardMiner(distance: Self.raw), Self.line([0, 1, -2, 1.5, 4]), [0, 0, 0, 1, 1])
        #expect(tuples.triplets.elementsEqual([(0, 2, 3), (1, 2, 3), (2, 1, 3), (3, 4, 1), (4, 3, 1)], by: ==))
        #expect(statistics["mean_positive_distance"] == (2 + 3 + 3 + 2.5 + 2.5) / 5)
    }

    @Test func multiSimilarityMinerMirrorsForDistances() {
        let (tuples, _) = mine(MultiSimilarityMiner(epsilon: 0.5, distance: Self.raw))
        #expect(tuples == .pairs(positive: [(0, 1), (1, 0), (2, 3), (3, 2)],
                                 negative: [(0, 2), (1, 2), (2, 0), (2, 1), (3, 1)]))
    }

    @Test func multiSimilarityMinerWithoutNegativesKeepsNothing() {
        let (tuples, _) = mine(MultiSimilarityMiner(), Self.batch, [0, 0, 0, 0])
        #expect(tuples.count == 0)
    }

    @Test func randomMinerDrawsOneValidNegativePerPositivePair() {
        let labels = [0, 1, 2, 0, 1, 2, 0]
        var generator = SeededGenerator(seed: 4)
        let embeddings = Matrix(rows: 7, cols: 3, storage: (0..<21).map { _ in generator.nextGaussian() })
        let (first, _) = mine(RandomTripletMiner(), embeddings, labels, seed: 8)
        let (second, _) = mine(RandomTripletMiner(), embeddings, labels, seed: 8)
        let (other, _) = mine(RandomTripletMiner(), embeddings, labels, seed: 9)
        #expect(first == second)
        #expect(first != other)
        #expect(first.triplets.map { [$0.0, $0.1] } == MinedTuples.allPairs(labels: labels).positive.map { [$0.0, $0.1] })
        #expect(first.triplets.allSatisfy { labels[$0.2] != labels[$0.0] })
    }

    @Test func distanceWeightedMinerSamplesOnlyNegativesBelowTheCutoff() {
        // Class 1 sits opposite class 0 (normalised distance 2 ≥ 1.4), except point 4.
        let embeddings = Matrix<Double>([[1, 0, 0], [0.9, 0.1, 0], [-1, 0, 0], [-0.9, -0.1, 0], [0.6, 0.8, 0]])
        let labels = [0, 0, 1, 1, 1]
        let miner = DistanceWeightedMiner()
        let (tuples, _) = mine(miner, embeddings, labels, seed: 3)
        let distances = LpDistance().matrix(embeddings)
        #expect(tuples.count > 0)
        #expect(tuples.triplets.allSatisfy { labels[$0.2] != labels[$0.0] && distances[$0.0, $0.2] < 1.4 })
        #expect(tuples.triplets.allSatisfy { $0.0 == 0 || $0.0 == 1 || $0.2 == 0 || $0.2 == 1 })
        #expect(tuples.triplets.filter { $0.0 == 0 }.allSatisfy { $0.2 == 4 })
        #expect(mine(miner, embeddings, labels, seed: 3).0 == tuples)
    }
}
