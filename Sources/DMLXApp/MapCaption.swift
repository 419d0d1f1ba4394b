import DMLXEngine

/// The line above the scatter that says how far the picture can be believed: the shown
/// map's trustworthiness and kept-neighbour share once scored (≈ when scored on a
/// sample), and while a t-SNE or UMAP map is being made, how far it has got.
public struct MapCaption {
    public let state: AppState

    public init(state: AppState) { self.state = state }

    public var text: String {
        guard let key = state.shownMapKey else { return "" }
        let mode = state.shownProjectionMode
        guard let status = state.maps.status(of: key) else {
            if mode.nonlinearMethod != nil, let shown = state.maps.drawable(for: key) {
                return "map of epoch \(shown.key.epoch), making epoch \(key.epoch)'s"
            }
            return mode.nonlinearMethod != nil ? "\(mode.title) waiting" : "scoring the map"
        }
        switch status.stage {
        case .finished: return status.trust.map(Self.scores) ?? "trust undefined for \(status.layout?.rows ?? 0) points"
        case .failed(let message): return "\(status.method.title) failed: \(message)"
        case .neighbors(let share):
            let prefix = mode.nonlinearMethod != nil && status.layout == nil && state.maps.drawable(for: key) == nil
                ? "PCA until \(mode.title) is ready · " : ""
            return prefix + "k-NN search \(Self.percent(share))"
        case .preparing: return "\(status.method.title) affinities and start"
        case .optimizing:
            let step = status.method == .umap ? "epoch" : "iteration"
            return "\(status.method.title) \(step) \(status.iteration)/\(status.totalIterations) (\(Self.percent(status.fractionDone)))"
        case .scoring: return "scoring the map"
        }
    }

    /// "trust 0.962 · kNN kept 41%", with ≈ for a sampled score.
    static func scores(_ trust: MapTrust) -> String {
        let approximate = trust.isSampled ? "≈" : " "
        return "trust\(approximate)\(formatted(trust.trustworthiness)) · \(trust.k)-NN kept \(percent(trust.neighborsKept))"
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
