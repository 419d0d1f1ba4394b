/// A loss that learns proxies (class representatives) with the embedding. Snapshots
/// carry its proxies and their classes so the scatter plot can draw them.
public protocol ProxyBasedLoss: MetricLoss {
    /// One row per proxy, in embedding space.
    var proxies: Parameter { get }
    /// The class of each proxy row.
    var proxyLabels: [Int] { get }
}
