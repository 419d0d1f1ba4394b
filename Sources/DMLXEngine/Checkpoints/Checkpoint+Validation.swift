extension Checkpoint {
    /// The largest input dimension a checkpoint may declare (2²⁴ features).
    static let maximumInputDimension = 1 << 24
    /// Optimizer steps stay exact in a Double (Adam's bias correction takes powers of them).
    static let maximumOptimizerStep = 1 << 53

    /// Checks every field a damaged or forged file could get wrong, before any of it sizes
    /// an allocation: the version, the configuration's ranges (`TrainingConfiguration.validate`),
    /// the epoch, the input dimension and standardisation, each tensor's shape and encoding
    /// (values are checked as they are decoded), the optimizer step and the history's epochs.
    func validate(file: String) throws {
        func fail(_ problem: String) -> CheckpointError { CheckpointError(file: file, problem: problem) }
        guard formatVersion == Self.currentFormatVersion else {
            throw fail("has format version \(formatVersion); this dmlx reads version \(Self.currentFormatVersion)")
        }
        do {
            try configuration.validate()
        } catch let error as TrainingError {
            throw fail("has an unusable configuration: \(error)")
        }
        guard TrainingConfiguration.Limits.epochs.contains(epoch) else {
            throw fail("has epoch \(epoch); expected 0 to \(TrainingConfiguration.Limits.epochs.upperBound)")
        }
        guard (1...Self.maximumInputDimension).contains(inputDimension) else {
            throw fail("has input dimension \(inputDimension); expected 1 to \(Self.maximumInputDimension)")
        }
        if let standardizer {
            guard standardizer.mean.count == inputDimension, standardizer.scale.count == inputDimension,
                  standardizer.mean.allSatisfy(\.isFinite), standardizer.scale.allSatisfy({ $0 > 0 && $0.isFinite }) else {
                throw fail("has a standardizer that is not \(inputDimension) finite means and positive scales")
            }
        }
        for tensor in parameters + optimizerSlots { _ = try tensor.checkedCount(file: file) }
        guard (0...Self.maximumOptimizerStep).contains(optimizerStep) else {
            throw fail("has optimizer step \(optimizerStep); expected 0 to \(Self.maximumOptimizerStep)")
        }
        // Epoch 0 (the untrained model) and every epoch since, as the trainers record them.
        guard history.map(\.epoch) == Array(0...epoch) || (history.isEmpty && epoch == 0) else {
            throw fail("has a history of epochs \(history.map(\.epoch).prefix(5)); expected 0 to \(epoch)")
        }
        guard history.allSatisfy({ $0.trainSeconds >= 0 && $0.cumulativeTrainSeconds >= 0 && $0.learningRate >= 0 }) else {
            throw fail("has a history with negative times or learning rates")
        }
        try validateEarlyStopping(file: file, fail)
    }

    /// A run with `--validation` has every epoch's validation metrics; one with `--patience`
    /// has the early-stopping state its history's validation MAP@R gives when replayed, and
    /// the best epoch's tensors exactly while it trains (shapes are matched on loading).
    private func validateEarlyStopping(file: String, _ fail: (String) -> CheckpointError) throws {
        guard configuration.validation == nil || history.allSatisfy({ $0.validationMetrics != nil }) else {
            throw fail("has a history without validation metrics, though it was trained with --validation")
        }
        guard let patience = configuration.patience else {
            guard earlyStopping == nil else { throw fail("has early-stopping state but no --patience in its configuration") }
            return
        }
        guard let saved = earlyStopping else { throw fail("was trained with --patience but has no early-stopping state") }
        let replayed = EarlyStopping(patience: patience, lastEpoch: configuration.epochs,
                                     replaying: history.map { $0.validationMetrics?.mapAtR ?? .nan })
        guard saved.matches(replayed) else {
            let expected = SavedEarlyStopping(replayed, bestParameters: [])
            throw fail("has early-stopping state (\(saved.summary)) that its history does not give (\(expected.summary))")
        }
        if let stop = replayed.stop, stop.epoch != epoch {
            throw fail("has epochs up to \(epoch) after its --patience run stopped at epoch \(stop.epoch)")
        }
        let keepsBest = !replayed.isStopped && replayed.bestEpoch != nil
        guard saved.bestParameters.count == (keepsBest ? parameters.count : 0) else {
            throw fail("has \(saved.bestParameters.count) best-epoch tensors; expected \(keepsBest ? parameters.count : 0)")
        }
        for tensor in saved.bestParameters { _ = try tensor.checkedCount(file: file) }
    }

    /// Throws unless `data`, prepared again from the configuration, is standardised exactly
    /// as when the checkpoint was saved (the same file and split give bit-identical means
    /// and scales): otherwise the data has changed since, and the weights would be applied
    /// to differently scaled features without a word.
    func requireSameStandardization(as data: PreparedData, file: String) throws {
        guard standardizer == data.standardizer else {
            throw CheckpointError(file: file, problem: "was saved with another standardisation of \(configuration.data) than the data now gives; has the data changed?")
        }
    }
}
