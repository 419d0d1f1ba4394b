import DMLXCore

/// How maps are made: the methods' own configurations plus what the pipeline around
/// them needs (threads, step length, how trust is scored).
public struct MapSettings: Sendable, Equatable {
    public var tsne = TSNEConfiguration()
    public var umap = UMAPConfiguration()
    /// Iterations of a t-SNE map continued from a neighbouring epoch's (no exaggeration).
    public var tsneContinuationIterations = 250
    /// Threads of the k-NN search and of t-SNE's gradient.
    public var threads = 1
    /// How the k-NN graph is searched: by default exact while that takes seconds, faiss's
    /// IVF above (`NeighborIndexChoice`).
    public var neighborIndex = NeighborIndexChoice.automatic
    /// Optimisation runs in steps of about this many seconds, each ending in a published
    /// layout: 20 pictures a second animate smoothly and cost little (a layout of
    /// 100,000 points is 800 kB).
    public var stepSeconds = 0.05
    /// Trust is scored at this neighbourhood size (scikit-learn's and the k).
    public var trustNeighbors = 10
    /// Maps of up to this many points are scored over every point; larger ones over a
    /// seeded sample of `trustSample` points (an unbiased estimate, marked as such),
    /// which keeps scoring a 100,000-point PCA map to about a second.
    public var trustExactLimit = 20_000
    public var trustSample = 2_000

    public init() {}

    /// The neighbours the k-NN graph of `n` points must hold for `method` and for trust.
    public func neighborCount(for method: MapMethod, points n: Int) -> Int {
        let needed: Int
        switch method {
        case .pca: needed = trustNeighbors
        case .tsne: needed = max(tsne.neighborCount, trustNeighbors)
        case .umap: needed = max(umap.neighborCount - 1, trustNeighbors)
        }
        return max(0, min(needed, n - 1))
    }

    /// The points trust is scored over: all, or a sample drawn from `seed`.
    public func trustQueries(points n: Int, seed: UInt64) -> [Int]? {
        guard n > trustExactLimit else { return nil }
        var generator = SeededGenerator(seed: seed)
        return generator.sampleIndices(trustSample, below: n)
    }
}
