import DMLXCore

/// A miner that needs the whole training set, not only the batch: at the start of every
/// `--mining-refresh` epochs the trainer embeds the training set with the current weights
/// and calls `prepare`; the epoch's batches then come from `batches` (instead of the
/// sampler) and each batch is mined by `mine(batch:embeddings:labels:)`, which sees the
/// batch's training-set indices. `Miner.mine` (no indices) treats the batch as the whole set.
public protocol EpochStartMiner: Miner {
    /// Recomputes the miner's state from the training set's embeddings and labels.
    func prepare(trainingEmbeddings: Matrix<Float>, labels: [Int], threads: Int)
    /// `count` batches of about `batchSize` training-set indices, built around the
    /// prepared state.
    func batches(batchSize: Int, count: Int, generator: inout SeededGenerator) -> [[Int]]
    /// The tuples of the batch whose rows are the training samples `batch`.
    func mine(batch: [Int], embeddings: Matrix<Double>, labels: [Int]) -> (MinedTuples, [String: Double])
}
