import DMLXCore

/// Retrieval scores class by class (`ClassScores`, with the classes each one's queries
/// retrieve instead) and, when asked, every query's own score, from the same leave-one-out
/// neighbour lists as `RetrievalScores` (query = gallery, self excluded by index).
///
/// Memory is O(classes + confusions), the confusions being at most classes² and in
/// practice far fewer; keeping the queries adds O(N). Lists can come a block at a time
/// (`Accumulator`), so nothing is N × N.
public struct PerClassScores: Sendable, Equatable {
    /// Every class, ascending label.
    public let classes: [ClassScores]
    /// The classes, the lowest MAP@R first (ties to the smaller label), lone classes last:
    /// the order in which tables show them. Sorted once here, off the UI thread, rather
    /// than on every frame that shows the table.
    public let worstFirst: [ClassScores]
    /// Each answerable query's score by class label, the lowest average precision first
    /// (ties to the smaller index); empty unless queries were kept.
    public let worstQueries: [Int: [QueryScore]]

    public init(classes: [ClassScores], worstQueries: [Int: [QueryScore]]) {
        self.classes = classes
        worstFirst = classes.sorted { ($0.mapAtR.isNaN ? 1 : 0, $0.mapAtR.isNaN ? 0 : $0.mapAtR, $0.label)
            < ($1.mapAtR.isNaN ? 1 : 0, $1.mapAtR.isNaN ? 0 : $1.mapAtR, $1.label) }
        self.worstQueries = worstQueries
    }

    /// Scores the leave-one-out `neighbors` of every sample; `neighbors.k` must be at
    /// least `RetrievalScores.neighborCount(for: labels)`.
    public init(neighbors: NeighborLists, labels: [Int], keepingQueries: Bool = false) {
        precondition(neighbors.count == labels.count, "\(neighbors.count) neighbour lists for \(labels.count) labels")
        var accumulator = Accumulator(labels: labels, keepingQueries: keepingQueries)
        accumulator.add(neighbors, from: 0)
        self = accumulator.scores
    }

    /// The scores of the class labelled `label`, if there is one.
    public func scores(of label: Int) -> ClassScores? {
        classes.first { $0.label == label }
    }

    /// The per-class scores of `index`'s points, searched a block at a time (exact or
    /// approximate, as the index is), the queries kept; nil once `progress` (the share
    /// searched) answers false — how the UI drops work for an epoch no longer shown.
    public static func evaluate(index: NeighborIndex, labels: [Int],
                                abandoningWhen progress: @escaping (Double) -> Bool) throws(NeighborIndexError) -> PerClassScores? {
        precondition(index.points.rows == labels.count, "\(index.points.rows) points for \(labels.count) labels")
        var accumulator = Accumulator(labels: labels, keepingQueries: true)
        var abandoned = false
        try index.forEachQueryBlock(k: accumulator.needed, progress: { share in
            abandoned = !progress(share)
            return !abandoned
        }) { queries, lists in
            accumulator.add(lists, from: queries.lowerBound)
        }
        return abandoned ? nil : accumulator.scores
    }
}
