/// How the scatter plot maps embeddings to 2-D (the `p` key cycles through them).
public enum ProjectionMode: String, CaseIterable, Sendable {
    /// Each epoch's PCA, rotated or reflected onto the previous epoch's map (orthogonal
    /// Procrustes), so motion between epochs shows learning, not axis flips.
    case aligned
    /// The latest epoch's aligned basis applied to every epoch: scrubbing through history
    /// moves the points within one fixed frame.
    case fixed
    /// Each epoch's own PCA, unaligned.
    case perEpoch = "per-epoch"

    public var next: ProjectionMode {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
