import DMLXCore
import DMLXEngine

extension AppState {
    /// The scatter plot's coordinates: the focused run's test embeddings at the shown
    /// epoch (n × 2) and its proxies (normalised, as the loss compares them) through the
    /// same map; nil before the run has published embeddings.
    public var scatterCoordinates: (points: Matrix<Float>, proxies: Matrix<Float>?)? {
        guard let snapshot = focusedSnapshot, let embeddings = snapshot.embeddings,
              let map = projection(for: snapshot) else { return nil }
        return (map.project(embeddings), snapshot.proxies.map { map.project(Self.normalizedRows($0)) })
    }

    /// The projection mode in effect: the chosen one, except that a run without a learned
    /// `L` (a deep run) shows the aligned PCA where `.metricAxes` was chosen.
    public var shownProjectionMode: ProjectionMode {
        projectionMode == .metricAxes && focusedSnapshot?.projection?.metricAxes == nil ? .aligned : projectionMode
    }

    private func projection(for snapshot: EpochSnapshot) -> LinearProjection? {
        switch shownProjectionMode {
        case .aligned: return snapshot.projection?.aligned
        case .metricAxes: return snapshot.projection?.metricAxes
        case .perEpoch: return snapshot.projection?.perEpoch
        case .fixed: return LinearProjection.fixed(from: focused?.snapshots.compactMap(\.projection) ?? [])
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
