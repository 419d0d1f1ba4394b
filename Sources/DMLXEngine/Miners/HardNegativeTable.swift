import DMLXCore

/// For every sample of a set, its `k` nearest samples of other classes (exact, Euclidean
/// on L2-normalised embeddings, nearest first, ties to the smaller index), and the
/// members of every class.
///
/// Found class by class with `NearestNeighbors.search`: the class's members are the
/// queries and all other samples the references, so the k nearest *different-class*
/// neighbours are exact however many same-class samples lie closer.
public struct HardNegativeTable: Sendable, Equatable {
    /// `negatives[i]`: the hard negatives of sample i, nearest first (fewer than k when
    /// the other classes hold fewer samples).
    public let negatives: [[Int]]
    /// The samples of each label, ascending.
    public let members: [Int: [Int]]
    public let labels: [Int]

    public init(embeddings: Matrix<Float>, labels: [Int], k: Int, threads: Int = 1) {
        precondition(embeddings.rows == labels.count, "one label per embedding")
        let normalized = RowNormalization(embeddings).normalized
        let members = Dictionary(grouping: labels.indices, by: { labels[$0] })
        var negatives = Array(repeating: [Int](), count: labels.count)
        for (label, group) in members {
            let others = labels.indices.filter { labels[$0] != label }
            let lists = NearestNeighbors.search(queries: normalized.rows(group), references: normalized.rows(others),
                                                k: k, excludeSelf: false, threads: threads)
            for (position, sample) in group.enumerated() {
                negatives[sample] = lists.neighbors(of: position).filter { $0 >= 0 }.map { others[Int($0)] }
            }
        }
        self.negatives = negatives
        self.members = members
        self.labels = labels
    }
}
