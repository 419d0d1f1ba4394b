/// The two projections of one epoch's embeddings that a `ProjectionTrack` produces.
public struct EpochProjection: Sendable, Equatable {
    /// This epoch's own PCA onto its first two axes: the best 2-D view of this epoch
    /// alone, but free to rotate, swap or flip from one epoch to the next.
    public let perEpoch: LinearProjection
    /// `perEpoch` followed by the rotation or reflection that best matches the previous
    /// epoch's aligned coordinates of the same points (the first epoch: `perEpoch`).
    /// Same spread as `perEpoch`; what moves on screen between epochs is the embedding.
    public let aligned: LinearProjection
    /// For classic learners, the map onto the top two directions of `L`
    /// (`MahalanobisSummary.axes`); nil for deep runs.
    public var metricAxes: LinearProjection?

    public init(perEpoch: LinearProjection, aligned: LinearProjection) {
        self.perEpoch = perEpoch
        self.aligned = aligned
    }
}
