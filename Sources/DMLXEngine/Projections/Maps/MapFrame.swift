import DMLXCore

/// One published state of a map being made, as the UI draws it: the stage it is in,
/// the newest layout (during optimisation, after every step, so the picture forms on
/// screen) and, once finished, its trust scores.
public struct MapFrame: Sendable {
    public enum Stage: Sendable, Equatable {
        /// The exact k-nearest-neighbour search of the embedding, with the share done.
        case neighbors(Double)
        /// Affinities (t-SNE's P, UMAP's fuzzy graph) and the initial layout.
        case preparing
        case optimizing
        /// Trustworthiness and kept neighbours of the final layout.
        case scoring
        case finished
        case failed(String)
    }

    public var key: MapKey
    public var method: MapMethod
    public var stage: Stage
    /// `n × 2`; nil until the first layout exists.
    public var layout: Matrix<Float>?
    public var iteration = 0
    public var totalIterations = 0
    public var trust: MapTrust?
    /// Wall-clock seconds since the job began.
    public var seconds = 0.0
    /// When the k-NN graph was searched approximately: the index (`NeighborIndex.summary`)
    /// and its measured recall@10, on the frame that ends the search.
    public var approximateIndex: String?
    public var neighborRecall: NeighborRecall?

    public init(key: MapKey, method: MapMethod, stage: Stage, layout: Matrix<Float>? = nil) {
        self.key = key
        self.method = method
        self.stage = stage
        self.layout = layout
    }

    public var isFinished: Bool { stage == .finished }

    /// The share of the whole job done, for a progress bar: for t-SNE and UMAP the
    /// search counts for the first fifth and the optimisation for the rest; scoring a
    /// PCA map is all search.
    public var fractionDone: Double {
        switch stage {
        case .neighbors(let share): return method == .pca ? share : 0.2 * share
        case .preparing: return 0.2
        case .optimizing: return 0.2 + 0.8 * Double(iteration) / Double(max(totalIterations, 1))
        case .scoring, .finished, .failed: return 1
        }
    }
}
