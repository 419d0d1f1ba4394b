import DMLXCore
import Foundation

/// The synchronous training loop of one run: data → sampler → model → miner → loss →
/// backward → optimizer, then evaluation of the test split (and of the validation part,
/// whose MAP@R drives `--patience`).
///
/// Not thread-safe: `TrainingRun` confines a trainer to its serial queue; the command
/// line and tests may drive one directly.
public final class Trainer: EpochTrainer {
    public let configuration: TrainingConfiguration
    public let data: PreparedData
    public let model: EmbeddingModel
    public let loss: any MetricLoss
    public let miner: (any Miner)?
    public let optimizer: Optimizer
    private let sampler: BatchSampler
    private let greedySampler: GreedyCoverageSampler?
    /// The epoch at which the `EpochStartMiner` last embedded the training set.
    private var minerPreparedAtEpoch: Int?
    /// Epochs completed so far.
    public internal(set) var epoch = 0
    /// Every epoch's record, epoch 0 (the untrained model) first.
    public internal(set) var history: [EpochRecord] = []
    /// Keeps the scatter plot's projection aligned from one epoch to the next.
    private var projectionTrack = ProjectionTrack()
    /// The rule of `--patience`, fed every epoch's validation MAP@R; nil without it.
    public internal(set) var earlyStopping: EarlyStopping?
    /// The best epoch's `parameters` values while a `--patience` run trains (nil once it
    /// has stopped: its parameters then are the best epoch's).
    var bestValues: [Matrix<Float>]?

    /// A fresh run at epoch 0. Two trainers with the same seed, data and model
    /// configuration start from identical weights, whatever their losses. `customLoss`
    /// replaces the registry's loss of `configuration.loss` (a library user's own loss).
    public init(_ configuration: TrainingConfiguration, data: PreparedData, customLoss: (any MetricLoss)? = nil) throws {
        try configuration.validate(inputDimension: data.split.train.dimension, classes: data.split.train.classes.count)
        self.configuration = configuration
        self.data = data
        let root = SeededGenerator(seed: configuration.seed)
        var modelGenerator = root.derived(RandomStream.modelInitialisation.rawValue)
        model = EmbeddingModel(configuration.model, inputDimension: data.split.train.dimension,
                               generator: &modelGenerator)
        var proxyGenerator = root.derived(RandomStream.proxyInitialisation.rawValue)
        loss = try customLoss ?? LossRegistry.makeLoss(configuration.loss, classes: data.split.train.classes,
                                                       embeddingDimension: configuration.model.dimension,
                                                       generator: &proxyGenerator)
        miner = try LossRegistry.makeMiner(name: configuration.miner, margin: configuration.loss.margin)
        optimizer = Optimizer(configuration.optimizer)
        sampler = BatchSampler(labels: data.split.train.labels, batchSize: configuration.batchSize,
                               mPerClass: configuration.mPerClass)
        greedySampler = configuration.sampler == .greedy
            ? GreedyCoverageSampler(trainingCount: data.split.train.count, batchSize: configuration.batchSize) : nil
        if greedySampler != nil && miner is any EpochStartMiner {
            throw TrainingError.invalidConfiguration("--sampler greedy cannot be combined with --miner \(configuration.miner), which builds its own batches")
        }
        earlyStopping = configuration.patience.map { EarlyStopping(patience: $0, lastEpoch: configuration.epochs) }
    }

    /// A `--patience` run that has stopped trains no further: its model is its best epoch's.
    public var isComplete: Bool { earlyStopping?.isStopped ?? false }

    /// Every parameter the optimizer updates: the model's, then the loss's proxies.
    public var parameters: [Parameter] { model.parameters + loss.parameters }

    /// The test split's embeddings and metrics for the current weights.
    public func evaluate() -> (embeddings: Matrix<Float>, metrics: RetrievalMetrics) {
        data.evaluate(model.embed(data.split.test.features), configuration: configuration)
    }

    public func embed(_ features: Matrix<Float>) -> Matrix<Float> {
        model.embed(features)
    }

    public func evaluateInitialModel() -> EpochSnapshot {
        let (embeddings, metrics) = evaluate()
        let snapshot = makeSnapshot(loss: nil, batchLosses: [], seconds: 0, metrics: metrics,
                                    statistics: [:], embeddings: embeddings)
        history = [snapshot.record]
        recordForEarlyStopping(snapshot)
        return snapshot
    }

    /// Feeds `snapshot`'s validation MAP@R to the `--patience` rule: a new best epoch's
    /// weights are kept, and when the rule stops the run they become the model's again
    /// (the newest epoch's are dropped: a stopped run trains no further).
    private func recordForEarlyStopping(_ snapshot: EpochSnapshot) {
        guard var rule = earlyStopping else { return }
        if rule.record(epoch: snapshot.epoch, score: snapshot.validationMetrics?.mapAtR ?? .nan) {
            bestValues = parameters.map(\.value)
        }
        earlyStopping = rule
        restoreBestOnceStopped()
    }

    /// Once the `--patience` rule has stopped the run, the best epoch's weights become the
    /// model's.
    func restoreBestOnceStopped() {
        guard earlyStopping?.isStopped == true, let best = bestValues else { return }
        for (parameter, value) in zip(parameters, best) { parameter.value = value }
        bestValues = nil
    }

    /// When a batch's loss or the weights after its step are not finite, the weights and
    /// optimizer state go back to those of the last completed epoch (so the trainer, its
    /// epoch count and a checkpoint of it stay consistent) and `TrainingError.diverged` is
    /// thrown.
    public func trainEpoch(shouldContinue: () -> Bool) throws -> EpochSnapshot? {
        guard !isComplete else { return nil }
        var generator = SeededGenerator(seed: configuration.seed).derived(RandomStream.epochBase.rawValue + UInt64(epoch + 1))
        let started = DispatchTime.now().uptimeNanoseconds
        var batchLosses: [Double] = []
        var statistics = StatisticsAverage()
        let lastGood = (values: parameters.map(\.value), optimizer: optimizer.state)
        for pool in batchPlan(generator: &generator) {
            guard shouldContinue() else { return nil }
            let batch = greedySampler.map { greedy in
                greedy.select(from: pool, embeddings: model.embed(data.split.train.features.rows(pool)), generator: &generator)
            } ?? pool
            let (value, batchStatistics) = trainBatch(batch, generator: &generator)
            guard value.isFinite, parameters.allSatisfy({ $0.value.storage.allSatisfy(\.isFinite) }) else {
                for (parameter, good) in zip(parameters, lastGood.values) { parameter.value = good }
                optimizer.restore(lastGood.optimizer)
                let what = value.isFinite ? "the weights became infinite or NaN" : "the loss became \(value)"
                throw TrainingError.diverged("\(configuration.runName): \(what) in epoch \(epoch + 1), batch \(batchLosses.count + 1); the weights of epoch \(epoch) are kept; try a lower --lr")
            }
            batchLosses.append(value)
            statistics.add(batchStatistics)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        epoch += 1
        let (embeddings, metrics) = evaluate()
        let snapshot = makeSnapshot(loss: batchLosses.reduce(0, +) / Double(max(1, batchLosses.count)),
                                    batchLosses: batchLosses, seconds: seconds, metrics: metrics,
                                    statistics: statistics.mean, embeddings: embeddings)
        history.append(snapshot.record)
        recordForEarlyStopping(snapshot)
        return snapshot
    }

    /// The epoch's batches, or with the greedy sampler the candidate pools they are chosen
    /// from. A miner that needs the training set's embeddings (re)computes them here,
    /// every `miningRefresh` epochs, and then builds the batches itself.
    private func batchPlan(generator: inout SeededGenerator) -> [[Int]] {
        if let offline = miner as? any EpochStartMiner {
            if minerPreparedAtEpoch.map({ epoch - $0 >= configuration.miningRefresh ?? 1 }) ?? true {
                offline.prepare(trainingEmbeddings: model.embed(data.split.train.features),
                                labels: data.split.train.labels, threads: configuration.threads)
                minerPreparedAtEpoch = epoch
            }
            return offline.batches(batchSize: configuration.batchSize, count: sampler.batchesPerEpoch, generator: &generator)
        }
        return greedySampler?.pools(generator: &generator) ?? sampler.epoch(generator: &generator)
    }

    /// One optimisation step; returns the batch's loss and its statistics. A non-finite
    /// loss takes no step (its gradient would spread NaN into every weight).
    private func trainBatch(_ indices: [Int], generator: inout SeededGenerator) -> (Double, [String: Double]) {
        let features = data.split.train.features.rows(indices)
        let labels = indices.map { data.split.train.labels[$0] }
        for parameter in parameters { parameter.zeroGradient() }
        let embeddings = Matrix<Double>(model.forward(features))
        var statistics: [String: Double] = [:]
        var tuples: MinedTuples?
        if let miner {
            let (mined, minerStatistics) = (miner as? any EpochStartMiner)?.mine(batch: indices, embeddings: embeddings, labels: labels)
                ?? miner.mine(embeddings: embeddings, labels: labels, generator: &generator)
            tuples = mined
            statistics.merge(minerStatistics) { $1 }
        }
        let evaluation = loss.evaluate(embeddings: embeddings, labels: labels, tuples: tuples)
        statistics.merge(evaluation.statistics) { $1 }
        guard evaluation.value.isFinite else { return (evaluation.value, statistics) }
        model.backward(Matrix<Float>(evaluation.gradient))
        optimizer.step(parameters)
        return (evaluation.value, statistics)
    }

    private func makeSnapshot(loss: Double?, batchLosses: [Double], seconds: Double, metrics: RetrievalMetrics,
                              statistics: [String: Double], embeddings: Matrix<Float>) -> EpochSnapshot {
        EpochSnapshot(run: configuration.runName, epoch: epoch, loss: loss, batchLosses: batchLosses,
                      trainSeconds: seconds,
                      cumulativeTrainSeconds: (history.last?.cumulativeTrainSeconds ?? 0) + seconds,
                      metrics: metrics, statistics: statistics,
                      learningRate: optimizer.configuration.learningRate,
                      embeddings: embeddings,
                      proxies: (self.loss as? any ProxyBasedLoss)?.proxies.value,
                      proxyLabels: (self.loss as? any ProxyBasedLoss)?.proxyLabels,
                      projection: try? projectionTrack.next(embeddings),
                      validationMetrics: data.validationMetrics({ model.embed($0) }, configuration: configuration))
    }

    public func setLearningRates(model: Double, proxies: Double) {
        optimizer.setLearningRates(model: model, proxies: proxies)
    }
}

/// Per-key means of batch statistics over an epoch.
private struct StatisticsAverage {
    private var sums: [String: Double] = [:]
    private var counts: [String: Int] = [:]

    mutating func add(_ values: [String: Double]) {
        for (key, value) in values {
            sums[key, default: 0] += value
            counts[key, default: 0] += 1
        }
    }

    var mean: [String: Double] {
        sums.reduce(into: [:]) { $0[$1.key] = $1.value / Double(counts[$1.key]!) }
    }
}
