import DMLXEngine

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
    /// t-SNE (openTSNE's defaults), made on the map queue while the picture forms; each
    /// epoch's map starts from the nearest epoch's, so clusters stay in place.
    case tsne
    /// UMAP (umap-learn's defaults), likewise.
    case umap
    /// A classic learner's embedding along the top two directions of its `L` exactly
    /// (`MahalanobisSummary.axes`); only offered for runs that have one.
    case metricAxes = "metric-axes"
    /// A map given on the command line (`dmlx view --map FILE`); only offered then.
    case given

    /// The next mode among those `offered`.
    public func next(hasMetricAxes: Bool, hasGivenMap: Bool) -> ProjectionMode {
        let offered = Self.allCases.filter { ($0 != .metricAxes || hasMetricAxes) && ($0 != .given || hasGivenMap) }
        return offered[((offered.firstIndex(of: self) ?? -1) + 1) % offered.count]
    }

    /// The non-linear method behind the mode, nil for linear maps (drawn at once).
    public var nonlinearMethod: MapMethod? {
        switch self {
        case .tsne: return .tsne
        case .umap: return .umap
        case .aligned, .fixed, .perEpoch, .metricAxes, .given: return nil
        }
    }

    /// How the scatter's title names the map.
    public var title: String {
        switch self {
        case .aligned: return "aligned PCA"
        case .fixed: return "fixed PCA"
        case .perEpoch: return "per-epoch PCA"
        case .tsne: return "t-SNE"
        case .umap: return "UMAP"
        case .metricAxes: return "top directions of L"
        case .given: return "given map"
        }
    }
}

extension ProjectionMode {
    /// The mode that draws `method`'s map (PCA: the aligned one).
    public init(_ method: MapMethod) {
        switch method {
        case .pca: self = .aligned
        case .tsne: self = .tsne
        case .umap: self = .umap
        }
    }
}
