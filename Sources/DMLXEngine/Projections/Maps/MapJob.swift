import DMLXCore

/// One map to make: the embeddings of a run's epoch and how to draw them.
public struct MapJob: Sendable, Equatable {
    public var key: MapKey
    public var method: MapMethod
    /// `n × d`; every layout has the same `n` points in the same order.
    public var embeddings: Matrix<Float>
    /// For t-SNE and UMAP, the layout to continue from (a neighbouring epoch's map of the
    /// same points, so that what moves on screen is learning, DESIGN.md §6); nil starts
    /// afresh from the method's own initialisation. For PCA, the layout itself, which the
    /// job only scores.
    public var layout: Matrix<Float>?

    public init(key: MapKey, method: MapMethod, embeddings: Matrix<Float>, layout: Matrix<Float>? = nil) {
        precondition(layout == nil || (layout!.rows == embeddings.rows && layout!.cols == 2),
                     "a layout of \(embeddings.rows) points is \(embeddings.rows)×2")
        precondition(method != .pca || layout != nil, "a PCA job scores the layout it is given")
        self.key = key
        self.method = method
        self.embeddings = embeddings
        self.layout = layout
    }
}
