import DMLXCore
import DMLXEngine
import Foundation
import Testing

/// Offline hard-negative mining on points of the unit circle, where the nearest samples
/// of other classes can be read off the angles.
@Suite struct OfflineHardNegativeMinerTests {
    // Sample: angle°/class — 0: 0/0, 1: 10/0, 2: 22/0, 3: 15/1, 4: 90/1, 5: 25/2, 6: 180/2.
    static let angles: [Double] = [0, 10, 22, 15, 90, 25, 180]
    static let labels = [0, 0, 0, 1, 1, 2, 2]
    static let circle = Matrix<Float>(angles.map { [Float(cos($0 * .pi / 180)), Float(sin($0 * .pi / 180))] })
    /// The two nearest other-class samples by angular gap, nearest first.
    static let expectedNegatives = [[3, 5], [3, 5], [5, 3], [1, 2], [5, 2], [2, 3], [4, 2]]

    @Test func tableListsNearestOtherClassSamples() {
        let table = HardNegativeTable(embeddings: Self.circle, labels: Self.labels, k: 2)
        #expect(table.negatives == Self.expectedNegatives)
        #expect(table.members == [0: [0, 1, 2], 1: [3, 4], 2: [5, 6]])
    }

    @Test func tableMatchesBruteForceOnRandomPoints() {
        var generator = SeededGenerator(seed: 9)
        let labels = (0..<60).map { _ in Int(generator.next() % 4) }
        let points = Matrix<Float>((0..<60).map { _ in (0..<3).map { _ in Float(generator.nextGaussian()) } })
        let table = HardNegativeTable(embeddings: points, labels: labels, k: 5, threads: 2)
        func unit(_ i: Int) -> [Double] {
            let row = points.row(i).map(Double.init)
            let norm = sqrt(row.reduce(0) { $0 + $1 * $1 })
            return row.map { $0 / norm }
        }
        for i in labels.indices {
            let distances = labels.indices.map { j in zip(unit(i), unit(j)).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
            let naive = labels.indices.filter { labels[$0] != labels[i] }.sorted { distances[$0] < distances[$1] }.prefix(5)
            #expect(table.negatives[i] == Array(naive), "sample \(i)")
        }
    }

    @Test func preparedBatchIsMinedWithTheTrainingSetsHardNegatives() {
        let miner = OfflineHardNegativeMiner(negativesPerAnchor: 2)
        miner.prepare(trainingEmbeddings: Self.circle, labels: Self.labels, threads: 1)
        let batch = [0, 1, 3, 5, 4]
        let (tuples, statistics) = miner.mine(batch: batch, embeddings: Matrix<Double>(Self.circle.rows(batch)),
                                              labels: batch.map { Self.labels[$0] })
        // Sample 3's hard negatives are samples 1 and 2; 2 is not in the batch. Sample 5
        // (class 2) has no positive in the batch.
        let expected = [(0, 1, 2), (0, 1, 3), (1, 0, 2), (1, 0, 3), (2, 4, 1), (4, 2, 3)]
        #expect(tuples.triplets.elementsEqual(expected, by: ==))
        #expect(statistics["mined"] == 6)
    }

    @Test func batchesAreAnchorPositiveAndHardNegativeGroups() {
        let miner = OfflineHardNegativeMiner(negativesPerAnchor: 2)
        miner.prepare(trainingEmbeddings: Self.circle, labels: Self.labels, threads: 1)
        var generator = SeededGenerator(seed: 4)
        let batches = miner.batches(batchSize: 9, count: 5, generator: &generator)
        #expect(batches.count == 5)
        var anchors = [Int]()
        for batch in batches {
            #expect(batch.count == 8)
            for start in stride(from: 0, to: batch.count, by: 4) {
                let (anchor, positive) = (batch[start], batch[start + 1])
                anchors.append(anchor)
                #expect(positive != anchor && Self.labels[positive] == Self.labels[anchor])
                #expect(Array(batch[(start + 2)..<(start + 4)]) == Self.expectedNegatives[anchor])
            }
        }
        // Anchors run through a shuffled order of all samples before repeating.
        #expect(Set(anchors.prefix(7)) == Set(0..<7))
    }

    @Test func unpreparedMinerUsesTheBatchAsTheSet() {
        let miner = OfflineHardNegativeMiner(negativesPerAnchor: 1)
        var generator = SeededGenerator(seed: 1)
        // Class 0 at 0° and 10°, class 1 at 15° and 90°: nearest negatives 15°, 15°, 10°, 10°.
        let embeddings = Matrix<Double>(Matrix<Float>(Self.circle.rows([0, 1, 3, 4])))
        let (tuples, _) = miner.mine(embeddings: embeddings, labels: [0, 0, 1, 1], generator: &generator)
        #expect(tuples.triplets.elementsEqual([(0, 1, 2), (1, 0, 2), (2, 3, 1), (3, 2, 1)], by: ==))
    }

    @Test func trainerRefreshesTheTableAndTrainsOnItsBatches() throws {
        let configuration = TrainingConfiguration(loss: LossConfiguration(name: "triplet", margin: 0.2), miner: "offline-hard",
                                                  epochs: 2, miningRefresh: 2)
        let trainer = try Trainer(configuration, data: PreparedData(configuration))
        let miner = try #require(trainer.miner as? OfflineHardNegativeMiner)
        _ = try trainer.trainEpoch()
        let first = try #require(miner.preparedTable)
        let snapshot = try #require(try trainer.trainEpoch())
        #expect(miner.preparedTable == first, "refreshed only every second epoch")
        #expect((snapshot.record.loss ?? .nan).isFinite && snapshot.statistics["mined"] ?? 0 > 0)
        _ = try trainer.trainEpoch()
        #expect(miner.preparedTable != first)
        var greedy = configuration
        greedy.sampler = .greedy
        #expect(throws: TrainingError.self) { try Trainer(greedy, data: PreparedData(greedy)) }
    }
}
