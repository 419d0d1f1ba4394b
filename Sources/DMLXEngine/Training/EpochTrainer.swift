import DMLXCore

/// What a `TrainingRun` drives and the command line reports: a learner that trains in
/// epochs, evaluates the test split after each one (epoch 0: before any training) and can
/// be saved. `Trainer` learns a deep loss over many epochs of batches;
/// `MahalanobisTrainer` runs a classic learner's whole fit as its one epoch.
///
/// Not thread-safe: `TrainingRun` confines a trainer to its serial queue.
public protocol EpochTrainer: AnyObject {
    var configuration: TrainingConfiguration { get }
    var data: PreparedData { get }
    /// Epochs completed so far.
    var epoch: Int { get }
    /// Every epoch's record, epoch 0 first.
    var history: [EpochRecord] { get }
    /// Whether there is nothing more to train, whatever the epoch limit: a fitted classic
    /// learner, a `--patience` run that has stopped.
    var isComplete: Bool { get }
    /// The `--patience` rule's state; nil for runs without it.
    var earlyStopping: EarlyStopping? { get }

    /// Evaluates the untrained model: the epoch-0 snapshot. Call once, before training.
    func evaluateInitialModel() -> EpochSnapshot
    /// Trains one epoch and evaluates. `shouldContinue` is asked before every batch or
    /// iteration; when it says no the epoch is abandoned, nothing is recorded, and nil is
    /// returned.
    func trainEpoch(shouldContinue: () -> Bool) throws -> EpochSnapshot?
    /// Changes the learning rates from the next batch on (no effect where there are none).
    func setLearningRates(model: Double, proxies: Double)
    /// Rows of `features` (the data's own, standardised as the run's) mapped by the
    /// current model or metric.
    func embed(_ features: Matrix<Float>) -> Matrix<Float>
    /// Everything needed to continue this run or use its model.
    var checkpoint: Checkpoint { get }
}

extension EpochTrainer {
    /// Trains one whole epoch.
    public func trainEpoch() throws -> EpochSnapshot? {
        try trainEpoch(shouldContinue: { true })
    }
}

extension TrainingConfiguration {
    /// A fresh trainer of this configuration: a classic fit when it names a `method`,
    /// deep training otherwise.
    public func makeTrainer(data: PreparedData) throws -> any EpochTrainer {
        method == nil ? try Trainer(self, data: data) : try MahalanobisTrainer(self, data: data)
    }
}
