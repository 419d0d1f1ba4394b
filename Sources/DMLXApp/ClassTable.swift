import DMLXEngine

/// What the UI holds for the Classes screen: the per-class scores received (the newest
/// few epochs', each O(N) with its queries), the job last asked for and its progress, and
/// where the user is in the two lists.
public struct ClassTable: Sendable {
    /// How many epochs' scores are kept: enough to step back and forth with `[` `]`
    /// without rescoring, few enough that memory stays a few times N.
    static let keptCount = 4

    /// Finished scores, oldest first.
    public private(set) var finished: [(key: ClassTableKey, scores: PerClassScores)] = []
    public var requested: ClassTableKey?
    /// The progress of the job under way.
    public var current: ClassTableFrame?
    /// The label of the highlighted class; nil highlights the first (worst) row.
    public var selectedClass: Int?
    /// The highlighted row of the class's worst queries, when the user has entered that
    /// list; nil while moving among the classes.
    public var queryRow: Int?

    public init() {}

    public func scores(for key: ClassTableKey) -> PerClassScores? {
        finished.last { $0.key == key }?.scores
    }

    mutating func receive(latest: ClassTableFrame?, finished frames: [ClassTableFrame]) {
        for frame in frames {
            guard let scores = frame.scores else { continue }
            finished.removeAll { $0.key == frame.key }
            finished.append((frame.key, scores))
        }
        finished = Array(finished.suffix(Self.keptCount))
        if let latest { current = latest }
    }
}
