import DMLXCore
import Foundation

/// A classic Mahalanobis learner as a run: epoch 0 is the identity metric (the
/// standardised features as they are), epoch 1 the learner's whole fit, after which the
/// run is complete. The fit's objective after each iteration is the epoch's loss curve
/// (`batchLosses`), so the loss chart shows the solver converging, and its constraint
/// counts go into the snapshot's `MahalanobisSummary`. There is no learning rate: records
/// carry 0. With `--validation` the fit sees only the training samples left after the
/// hold-out, and each epoch is scored on the validation part too; `--patience` is refused.
///
/// Not thread-safe: `TrainingRun` confines a trainer to its serial queue.
public final class MahalanobisTrainer: EpochTrainer {
    public let configuration: TrainingConfiguration
    public let data: PreparedData
    public let learner: any MahalanobisLearner
    /// The fitted metric; nil before epoch 1.
    public internal(set) var learned: LearnedMetric?
    public internal(set) var epoch = 0
    public internal(set) var history: [EpochRecord] = []
    private var projectionTrack = ProjectionTrack()
    /// Features with one value throughout the training split (left out of the spectrum).
    private let constantFeatures: Set<Int>

    /// Thrown from the learner's progress callback to end a fit that its run stopped.
    private struct Stopped: Error {}

    /// A fresh run of `configuration.method`, which must be set.
    public init(_ configuration: TrainingConfiguration, data: PreparedData) throws {
        guard let method = configuration.method else {
            throw TrainingError.invalidConfiguration("a classic run needs a --method")
        }
        guard configuration.patience == nil else {
            throw TrainingError.invalidConfiguration("--patience does not apply to \(method.name): a classic learner fits once, in one epoch, so there is no epoch to stop early at (--validation alone still scores its fit on the validation part)")
        }
        try configuration.validate()
        self.configuration = configuration
        self.data = data
        learner = try MahalanobisRegistry.makeLearner(method, seed: configuration.seed)
        let train = data.split.train.features
        constantFeatures = Set((0..<train.cols).filter { column in (0..<train.rows).allSatisfy { train[$0, column] == train[0, column] } })
    }

    public func embed(_ features: Matrix<Float>) -> Matrix<Float> {
        learned?.embed(features) ?? features
    }

    /// Its one fit done, a classic learner has no further epochs.
    public var isComplete: Bool { learned != nil }
    /// Never set: `--patience` is refused (see `init`).
    public var earlyStopping: EarlyStopping? { nil }

    public func evaluateInitialModel() -> EpochSnapshot {
        let identity = LearnedMetric(components: Matrix<Float>.identity(data.split.train.dimension), iterations: 0)
        let snapshot = makeSnapshot(identity, objectives: [], activeConstraints: [], seconds: 0)
        history = [snapshot.record]
        return snapshot
    }

    /// Fits the learner on the training split (epoch 1). Returns nil when stopped midway
    /// and once the fit is done: a classic learner has no further epochs.
    public func trainEpoch(shouldContinue: () -> Bool) throws -> EpochSnapshot? {
        guard learned == nil else { return nil }
        var objectives: [Double] = []
        var activeConstraints: [Int] = []
        let started = DispatchTime.now().uptimeNanoseconds
        let fitted: LearnedMetric
        do {
            fitted = try learner.fit(features: data.split.train.features, labels: data.split.train.labels) { iteration in
                guard shouldContinue() else { throw Stopped() }
                objectives.append(iteration.objective)
                if let active = iteration.activeConstraints { activeConstraints.append(active) }
            }
        } catch is Stopped {
            return nil
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        learned = fitted
        epoch = 1
        let snapshot = makeSnapshot(fitted, objectives: objectives, activeConstraints: activeConstraints, seconds: seconds)
        history.append(snapshot.record)
        return snapshot
    }

    /// A classic learner has no learning rate to change.
    public func setLearningRates(model: Double, proxies: Double) {}

    private func makeSnapshot(_ metric: LearnedMetric, objectives: [Double], activeConstraints: [Int],
                              seconds: Double) -> EpochSnapshot {
        let (embeddings, metrics) = data.evaluate(metric.embed(data.split.test.features), configuration: configuration)
        var statistics = epoch == 0 ? [:] : ["iterations": Double(metric.iterations)]
        statistics["active"] = activeConstraints.last.map(Double.init)
        let summary = try? MahalanobisSummary(metric, embeddings: embeddings, activeConstraints: activeConstraints,
                                              constantFeatures: metric.kernel == nil ? constantFeatures : [])
        var projection = try? projectionTrack.next(embeddings)
        projection?.metricAxes = summary?.axes
        return EpochSnapshot(run: configuration.runName, epoch: epoch, loss: epoch == 0 ? nil : objectives.last,
                             batchLosses: objectives, trainSeconds: seconds,
                             cumulativeTrainSeconds: (history.last?.cumulativeTrainSeconds ?? 0) + seconds,
                             metrics: metrics, statistics: statistics, learningRate: 0,
                             embeddings: embeddings, projection: projection, mahalanobis: summary,
                             validationMetrics: data.validationMetrics({ metric.embed($0) }, configuration: configuration))
    }
}
