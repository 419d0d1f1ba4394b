import DMLXCore
import Synchronization

/// Offline hard-negative mining: every `--mining-refresh` epochs (default 1) the whole
/// training set is embedded and each sample's `negativesPerAnchor` nearest samples of
/// other classes are found by exact k-NN (`HardNegativeTable`); until the next refresh
/// the batches are built from them, as in the offline mining that preceded in-batch
/// mining (Schroff et al. 2015, §3.2; Hermans et al. 2017 call it "offline").
///
/// A batch is made of groups: an anchor (the training set in a seeded shuffled order,
/// reshuffled when used up), one random other sample of its class, and its hard
/// negatives; ⌊batchSize / (2 + negativesPerAnchor)⌋ groups per batch (at least one),
/// 8 groups of 8 at the defaults (batch 64, 6 negatives). Mining a batch gives every
/// triplet (a, p, n) with p ≠ a of a's class and n one of a's precomputed hard negatives,
/// all in the batch. Without a prepared table (`Miner.mine`), the batch itself is the set
/// the hard negatives are looked up in.
///
/// The table is computed from the weights at refresh time, so resuming a checkpoint
/// between refreshes recomputes it from the resumed weights.
public final class OfflineHardNegativeMiner: EpochStartMiner {
    public let negativesPerAnchor: Int
    private let table = Mutex<HardNegativeTable?>(nil)

    public init(negativesPerAnchor: Int = 6) {
        precondition(negativesPerAnchor >= 1, "at least one hard negative per anchor")
        self.negativesPerAnchor = negativesPerAnchor
    }

    public var name: String { "offline-hard" }

    /// The table of the last `prepare`, if any.
    public var preparedTable: HardNegativeTable? { table.withLock { $0 } }

    public func prepare(trainingEmbeddings: Matrix<Float>, labels: [Int], threads: Int) {
        let computed = HardNegativeTable(embeddings: trainingEmbeddings, labels: labels, k: negativesPerAnchor,
                                         threads: threads)
        table.withLock { $0 = computed }
    }

    public func batches(batchSize: Int, count: Int, generator: inout SeededGenerator) -> [[Int]] {
        guard let prepared = preparedTable, !prepared.negatives.isEmpty else { return [] }
        let groupsPerBatch = max(1, batchSize / (2 + negativesPerAnchor))
        var order = [Int]()
        return (0..<count).map { _ in
            (0..<groupsPerBatch).flatMap { _ -> [Int] in
                if order.isEmpty { order = prepared.negatives.indices.shuffled(using: &generator) }
                let anchor = order.removeLast()
                let classmates = prepared.members[prepared.labels[anchor]]!.filter { $0 != anchor }
                let positive = classmates.isEmpty ? [] : [classmates[generator.nextIndex(below: classmates.count)]]
                return [anchor] + positive + prepared.negatives[anchor]
            }
        }
    }

    public func mine(batch: [Int], embeddings: Matrix<Double>, labels: [Int]) -> (MinedTuples, [String: Double]) {
        guard let prepared = preparedTable else {
            var unused = SeededGenerator(seed: 0)
            return mine(embeddings: embeddings, labels: labels, generator: &unused)
        }
        return triplets(batch: batch, labels: labels, negatives: prepared.negatives, embeddings: embeddings)
    }

    public func mine(embeddings: Matrix<Double>, labels: [Int], generator: inout SeededGenerator) -> (MinedTuples, [String: Double]) {
        let local = HardNegativeTable(embeddings: Matrix<Float>(embeddings), labels: labels, k: negativesPerAnchor)
        return triplets(batch: Array(labels.indices), labels: labels, negatives: local.negatives, embeddings: embeddings)
    }

    /// Every (a, p, n) of batch positions: p ≠ a with a's label, n a hard negative of a.
    private func triplets(batch: [Int], labels: [Int], negatives: [[Int]],
                          embeddings: Matrix<Double>) -> (MinedTuples, [String: Double]) {
        let positions = Dictionary(grouping: batch.indices, by: { batch[$0] })
        let groups = LabelGroups(labels)
        var triplets = [(Int, Int, Int)]()
        for a in batch.indices {
            let hard = negatives[batch[a]].flatMap { positions[$0] ?? [] }
            for p in groups.sameLabel[a] where p != a {
                for n in hard { triplets.append((a, p, n)) }
            }
        }
        let tuples = MinedTuples.triplets(triplets)
        return (tuples, MiningStatistics.of(tuples, matrix: LpDistance().matrix(embeddings)))
    }
}
