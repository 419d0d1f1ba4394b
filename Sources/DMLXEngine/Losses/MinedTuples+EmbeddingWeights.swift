extension MinedTuples {
    /// Each embedding's weight for losses that score embeddings rather than tuples
    /// (PML's `convert_to_weights`): 1 without tuples, otherwise its number of
    /// occurrences in the tuples over the largest such number. Nil when the tuples are
    /// given but empty: those losses are then 0, where PML would fall back to weight 1.
    static func embeddingWeights(_ tuples: MinedTuples?, batchSize: Int) -> [Double]? {
        guard let tuples else { return Array(repeating: 1, count: batchSize) }
        guard tuples.count > 0 else { return nil }
        var counts = Array(repeating: 0.0, count: batchSize)
        for index in tuples.allIndices { counts[index] += 1 }
        let largest = counts.max() ?? 1
        return counts.map { $0 / largest }
    }
}
