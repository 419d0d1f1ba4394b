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
    /// A classic learner's embedding along the top two directions of its `L` exactly
    /// (`MahalanobisSummary.axes`); only offered for runs that have one.
    case metricAxes = "metric-axes"

    /// The next mode; `.metricAxes` only when `hasMetricAxes`.
    public func next(hasMetricAxes: Bool) -> ProjectionMode {
        let offered = Self.allCases.filter { $0 != .metricAxes || hasMetricAxes }
        return offered[((offered.firstIndex(of: self) ?? -1) + 1) % offered.count]
    }

    /// How the scatter's title names the map.
    public var title: String {
        switch self {
        case .aligned: return "aligned PCA"
        case .fixed: return "fixed PCA"
        case .perEpoch: return "per-epoch PCA"
        case .metricAxes: return "top directions of L"
        }
    }
}
