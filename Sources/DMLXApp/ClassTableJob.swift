import DMLXCore
import DMLXEngine

/// One per-class scoring for the Classes screen: the points of a run's epoch, searched
/// through `index` (exact over a snapshot's embeddings, or the approximate index of
/// given embeddings), scored against `labels`. Jobs are told apart by their key alone.
public struct ClassTableJob: Sendable, Equatable {
    public var key: ClassTableKey
    public var index: NeighborIndex
    public var labels: [Int]

    public init(key: ClassTableKey, index: NeighborIndex, labels: [Int]) {
        precondition(index.points.rows == labels.count, "\(index.points.rows) points for \(labels.count) labels")
        self.key = key
        self.index = index
        self.labels = labels
    }

    public static func == (a: ClassTableJob, b: ClassTableJob) -> Bool { a.key == b.key }

    /// The scores, every query kept (the screen lists a class's worst); nil once
    /// `progress` (the share searched) answers false, or when the search fails.
    public func run(progress: @escaping (Double) -> Bool) -> PerClassScores? {
        try? PerClassScores.evaluate(index: index, labels: labels, abandoningWhen: progress)
    }
}
