import DMLXCore
import DMLXEngine

extension AppState {
    /// The scatter plot's coordinates: the focused run's test embeddings at the shown
    /// epoch (n × 2) and, for linear maps, its proxies (normalised, as the loss compares
    /// them) through the same map; nil before the run has published embeddings. A
    /// non-linear mode draws its map as far as it has formed, or the nearest epoch's
    /// map, or until there is either the aligned PCA.
    public var scatterCoordinates: (points: Matrix<Float>, proxies: Matrix<Float>?)? {
        guard let snapshot = focusedSnapshot, let embeddings = snapshot.embeddings else { return nil }
        if shownProjectionMode.nonlinearMethod != nil, let key = shownMapKey, let layout = maps.drawable(for: key)?.layout {
            return (layout, nil)
        }
        if shownProjectionMode == .given, let given = data.givenMap { return (given, nil) }
        if let cached = derived.linearMap, cached.key == shownMapKey { return (cached.points, cached.proxies) }
        return linearCoordinates(of: snapshot, embeddings)
    }

    /// The shown linear map of `embeddings` (the focused snapshot's) and its proxies.
    private func linearCoordinates(of snapshot: EpochSnapshot, _ embeddings: Matrix<Float>)
        -> (points: Matrix<Float>, proxies: Matrix<Float>?)? {
        guard let map = linearProjection(for: snapshot) else { return nil }
        return (map.project(embeddings), snapshot.proxies.map { map.project(Self.normalizedRows($0)) })
    }

    /// What `selectionNeighbors` is derived from; nil without embeddings to search.
    var neighborsKey: DerivedViews.NeighborsKey? {
        guard let run = focused, let snapshot = focusedSnapshot, snapshot.embeddings != nil else { return nil }
        return DerivedViews.NeighborsKey(run: run.name, epoch: snapshot.epoch, selection: selection, count: neighborCount)
    }

    /// The selected point's neighbours in the focused run's embedding at the shown epoch
    /// (the panels' list).
    var selectionNeighbors: [PointNeighbors.Neighbor] {
        guard let key = neighborsKey, let embeddings = focusedSnapshot?.embeddings else { return [] }
        if let cached = derived.neighbors, cached.key == key { return cached.value }
        if focused?.kind == .given, let approximate = data.approximateNeighbors,
           let lists = try? approximate.index.neighbors(of: selection, k: neighborCount) {
            let candidates = lists.neighbors(of: 0).filter { $0 >= 0 }.map(Int.init)
            return PointNeighbors.of(selection, in: embeddings, k: neighborCount, among: candidates)
        }
        return PointNeighbors.of(selection, in: embeddings, k: neighborCount)
    }

    /// The neighbour panel's title, with the index's recall when its neighbours are
    /// approximate.
    var neighborsTitle: String {
        let approximate = focused?.kind == .given ? data.approximateNeighbors : nil
        return "Neighbours of #\(selection)" + (approximate.map { " (approximate: \($0.recall.summary))" } ?? "")
    }

    /// Derives anew what `derived` holds for a state whose inputs have changed.
    mutating func refreshDerivedViews() {
        if let key = neighborsKey, derived.neighbors?.key != key {
            derived.neighbors = (key, selectionNeighbors)
        }
        if screen == .inspect { refreshSameClassCounts() }
        guard let key = shownMapKey, derived.linearMap?.key != key, let snapshot = focusedSnapshot,
              let embeddings = snapshot.embeddings, shownProjectionMode != .given,
              shownProjectionMode.nonlinearMethod == nil || maps.drawable(for: key) == nil,
              let (points, proxies) = linearCoordinates(of: snapshot, embeddings) else { return }
        derived.linearMap = (key, points, proxies)
    }

    /// The projection mode in effect: the chosen one, except that a run without a learned
    /// `L` (a deep run) shows the aligned PCA where `.metricAxes` was chosen, and data
    /// without a given map likewise where `.given` was.
    public var shownProjectionMode: ProjectionMode {
        switch projectionMode {
        case .metricAxes where focusedSnapshot?.projection?.metricAxes == nil: return .aligned
        case .given where data.givenMap == nil: return .aligned
        default: return projectionMode
        }
    }

    /// Which map the scatter shows, as the map queue and the atlas key it. The fixed
    /// basis changes with every new epoch, so its key names the epoch it was taken from.
    public var shownMapKey: MapKey? {
        guard let run = focused, let epoch = focusedSnapshot?.epoch else { return nil }
        let projection = shownProjectionMode == .fixed ? "fixed@\(latestEpoch)" : shownProjectionMode.rawValue
        return MapKey(run: run.name, epoch: epoch, projection: projection)
    }

    /// The job the shown map still needs: making it (t-SNE, UMAP, continuing from the
    /// nearest epoch's map) or scoring it (linear and given maps); nil when it is done or
    /// already asked for.
    var neededMapJob: MapJob? {
        guard let key = shownMapKey, maps.finished[key] == nil, maps.requested != key,
              let snapshot = focusedSnapshot, let embeddings = snapshot.embeddings else { return nil }
        if let method = shownProjectionMode.nonlinearMethod {
            return MapJob(key: key, method: method, embeddings: embeddings, layout: maps.continuation(for: key))
        }
        guard let layout = scatterCoordinates?.points else { return nil }
        return MapJob(key: key, method: .pca, embeddings: embeddings, layout: layout)
    }

    private func linearProjection(for snapshot: EpochSnapshot) -> LinearProjection? {
        switch shownProjectionMode {
        case .metricAxes: return snapshot.projection?.metricAxes
        case .perEpoch: return snapshot.projection?.perEpoch
        case .fixed: return LinearProjection.fixed(from: focused?.snapshots.compactMap(\.projection) ?? [])
        case .aligned, .tsne, .umap, .given: return snapshot.projection?.aligned
        }
    }

    private static func normalizedRows(_ matrix: Matrix<Float>) -> Matrix<Float> {
        var result = matrix
        for (row, squaredNorm) in matrix.rowSquaredNorms.enumerated() where squaredNorm > 0 {
            let scale = 1 / squaredNorm.squareRoot()
            for column in 0..<matrix.cols { result[row, column] *= scale }
        }
        return result
    }
}
