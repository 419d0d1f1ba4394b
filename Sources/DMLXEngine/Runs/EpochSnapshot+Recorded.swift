import Foundation

extension EpochSnapshot {
    /// The embeddings and proxies this value holds.
    public var payload: EpochPayload {
        get { EpochPayload(embeddings: embeddings, proxies: proxies) }
        set { (embeddings, proxies) = (newValue.embeddings, newValue.proxies) }
    }

    /// This snapshot without its payload, which is in the epoch directory `directory`.
    public func recorded(in directory: URL) -> EpochSnapshot {
        var light = self
        light.payload = EpochPayload(embeddings: nil, proxies: nil)
        light.recordedIn = directory
        return light
    }

    /// The payload: this value's own, else read back from `recordedIn` by the run
    /// directory's reader (`RecordedEpoch`). Empty for history without either (restored
    /// from a checkpoint); a file that cannot be read is an error naming it.
    public func loadingPayload() throws -> EpochPayload {
        guard embeddings == nil, let recordedIn else { return payload }
        let recorded = try RecordedEpoch.load(recordedIn)
        return EpochPayload(embeddings: recorded.embeddings, proxies: recorded.proxies)
    }
}
