/// Counts of samples per (class, cluster) pair of two labelings of the same samples:
/// `counts[i][j]` samples carry the i-th distinct class and the j-th distinct cluster
/// (both in increasing order of their values).
public struct ContingencyTable: Sendable, Equatable {
    public let counts: [[Int]]
    public let rowSums: [Int]
    public let columnSums: [Int]
    public let sampleCount: Int

    /// The table of `labels` (rows) against `clusters` (columns).
    public init(labels: [Int], clusters: [Int]) {
        precondition(labels.count == clusters.count, "\(labels.count) labels but \(clusters.count) cluster assignments")
        let rowOf = Self.positions(labels)
        let columnOf = Self.positions(clusters)
        var counts = Array(repeating: Array(repeating: 0, count: columnOf.count), count: rowOf.count)
        for (label, cluster) in zip(labels, clusters) { counts[rowOf[label]!][columnOf[cluster]!] += 1 }
        self.init(counts: counts)
    }

    /// A table from its counts. Rows and columns that are all zero are dropped: a
    /// class or cluster with no samples is not part of either labeling.
    public init(counts: [[Int]]) {
        let columns = counts.first?.count ?? 0
        precondition(counts.allSatisfy { $0.count == columns }, "contingency rows of different lengths")
        precondition(counts.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "contingency counts must be non-negative")
        let keptColumns = (0..<columns).filter { j in counts.contains { $0[j] > 0 } }
        let counts = counts.filter { $0.contains { $0 > 0 } }.map { row in keptColumns.map { row[$0] } }
        self.counts = counts
        rowSums = counts.map { $0.reduce(0, +) }
        columnSums = (0..<columns).map { j in counts.reduce(0) { $0 + $1[j] } }
        sampleCount = rowSums.reduce(0, +)
    }

    private static func positions(_ values: [Int]) -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: Set(values).sorted().enumerated().map { ($1, $0) })
    }
}
