/// Which map a frame belongs to: one projection (`"tsne"`, `"umap"`, or the name of a
/// PCA variant) of one run's embeddings at one epoch. The engine uses it only as an
/// identity; the UI keys its cache of finished maps by it.
public struct MapKey: Hashable, Sendable, CustomStringConvertible {
    public var run: String
    public var epoch: Int
    public var projection: String

    public init(run: String, epoch: Int, projection: String) {
        self.run = run
        self.epoch = epoch
        self.projection = projection
    }

    public var description: String { "\(projection) of \(run) at epoch \(epoch)" }
}
