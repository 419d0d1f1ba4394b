import DMLXCore
import Foundation

/// An immutable record of a run after one epoch (epoch 0: before any training), as
/// published to the UI and printed as a JSON record.
public struct EpochSnapshot: Sendable {
    public var run: String
    public var epoch: Int
    /// The mean batch loss of the epoch; nil for epoch 0.
    public var loss: Double?
    /// Every batch's loss, in order, for the live loss curve.
    public var batchLosses: [Double]
    /// Wall-clock seconds of this epoch's training (not its evaluation).
    public var trainSeconds: Double
    /// Training seconds summed over epochs 1...epoch, for plots against time.
    public var cumulativeTrainSeconds: Double
    /// Retrieval metrics of the test split, leave-one-out.
    public var metrics: RetrievalMetrics
    /// The same metrics of the validation part, leave-one-out within it; nil without
    /// `--validation`.
    public var validationMetrics: RetrievalMetrics?
    /// Loss and miner statistics averaged over the epoch's batches ("tuples", "active", ...).
    public var statistics: [String: Double]
    public var learningRate: Double
    /// Test-split embeddings (nil in history restored from a checkpoint, and where the
    /// epoch went to its run directory: see `recordedIn`).
    public var embeddings: Matrix<Float>?
    /// The loss's proxies, for proxy-based losses.
    public var proxies: Matrix<Float>?
    /// The class of each proxy row.
    public var proxyLabels: [Int]?
    /// 2-D maps of `embeddings` for the scatter plot, computed on the run's queue: this
    /// epoch's own PCA and the PCA aligned with the previous epoch (nil with `embeddings`,
    /// except where the epoch was recorded: a projection is O(dimension) and stays).
    public var projection: EpochProjection?
    /// A classic learner's metric, spectrum and constraint counts (nil for deep runs and
    /// for history restored from a checkpoint).
    public var mahalanobis: MahalanobisSummary?
    /// The epoch's directory in a run directory (`RunDirectoryFormat`) when its
    /// embeddings and proxies were written there and left out of this value, which then
    /// keeps only what is small (scalars, proxy labels, projection, metric summary);
    /// `loadingPayload()` reads them back.
    public var recordedIn: URL?

    public init(run: String, epoch: Int, loss: Double?, batchLosses: [Double], trainSeconds: Double,
                cumulativeTrainSeconds: Double, metrics: RetrievalMetrics, statistics: [String: Double],
                learningRate: Double, embeddings: Matrix<Float>? = nil, proxies: Matrix<Float>? = nil,
                proxyLabels: [Int]? = nil, projection: EpochProjection? = nil, mahalanobis: MahalanobisSummary? = nil,
                validationMetrics: RetrievalMetrics? = nil) {
        self.run = run
        self.epoch = epoch
        self.loss = loss
        self.batchLosses = batchLosses
        self.trainSeconds = trainSeconds
        self.cumulativeTrainSeconds = cumulativeTrainSeconds
        self.metrics = metrics
        self.validationMetrics = validationMetrics
        self.statistics = statistics
        self.learningRate = learningRate
        self.embeddings = embeddings
        self.proxies = proxies
        self.proxyLabels = proxyLabels
        self.projection = projection
        self.mahalanobis = mahalanobis
    }
}

/// The durable part of a snapshot, kept in checkpoints.
public struct EpochRecord: Codable, Sendable, Equatable {
    public var epoch: Int
    public var loss: Double?
    public var batchLosses: [Double]
    public var trainSeconds: Double
    public var cumulativeTrainSeconds: Double
    public var metrics: RetrievalMetrics
    /// Nil without `--validation`, and in checkpoints saved before the option existed.
    public var validationMetrics: RetrievalMetrics?
    public var statistics: [String: Double]
    public var learningRate: Double
}

extension EpochSnapshot {
    public var record: EpochRecord {
        EpochRecord(epoch: epoch, loss: loss, batchLosses: batchLosses, trainSeconds: trainSeconds,
                    cumulativeTrainSeconds: cumulativeTrainSeconds, metrics: metrics,
                    validationMetrics: validationMetrics, statistics: statistics, learningRate: learningRate)
    }

    public init(run: String, record: EpochRecord) {
        self.init(run: run, epoch: record.epoch, loss: record.loss, batchLosses: record.batchLosses,
                  trainSeconds: record.trainSeconds, cumulativeTrainSeconds: record.cumulativeTrainSeconds,
                  metrics: record.metrics, statistics: record.statistics, learningRate: record.learningRate,
                  embeddings: nil, proxies: nil, proxyLabels: nil, projection: nil, validationMetrics: record.validationMetrics)
    }
}
