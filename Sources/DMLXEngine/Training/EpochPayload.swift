import DMLXCore

/// The large part of an epoch's snapshot, O(points × dimension): the test embeddings and
/// the proxies. A run that records its history to disk keeps these there and only the
/// epochs on screen in memory.
public struct EpochPayload: Sendable {
    public var embeddings: Matrix<Float>?
    public var proxies: Matrix<Float>?

    public init(embeddings: Matrix<Float>?, proxies: Matrix<Float>?) {
        self.embeddings = embeddings
        self.proxies = proxies
    }
}
