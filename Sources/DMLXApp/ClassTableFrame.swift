import DMLXEngine

/// News of a per-class scoring: how far the search of `key` has come and, once done,
/// its scores.
public struct ClassTableFrame: Sendable {
    public var key: ClassTableKey
    /// The share of queries searched, 0…1.
    public var share: Double
    public var scores: PerClassScores?

    public init(key: ClassTableKey, share: Double, scores: PerClassScores?) {
        self.key = key
        self.share = share
        self.scores = scores
    }
}
