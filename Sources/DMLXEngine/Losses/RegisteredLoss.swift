import DMLXCore

/// A loss the registry can list and build from a `LossConfiguration`.
///
/// Adding a loss to dmlx is one file conforming to this protocol plus one line in
/// `LossRegistry.losses`.
public protocol RegisteredLoss: MetricLoss {
    static var descriptor: LossDescriptor { get }
    /// The loss for `configuration`, whose nil options take this loss's defaults.
    /// `classes` are the training labels (proxy losses make proxies for them).
    init(configuration: LossConfiguration, classes: [Int], embeddingDimension: Int,
         generator: inout SeededGenerator) throws
    /// The options in effect, every default filled in, so that a printed configuration
    /// reproduces the run.
    var configuration: LossConfiguration { get }
}
