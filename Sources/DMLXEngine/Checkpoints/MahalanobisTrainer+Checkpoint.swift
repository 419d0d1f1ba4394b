import DMLXCore
import Foundation

extension MahalanobisTrainer {
    /// The learned `L` is the checkpoint's one tensor (none before the fit); a classic
    /// learner has no optimizer state.
    public var checkpoint: Checkpoint {
        Checkpoint(configuration: configuration, epoch: epoch, inputDimension: data.split.train.dimension,
                   standardizer: data.standardizer, parameters: learned?.savedTensors ?? [], history: history)
    }

    /// The run saved in `checkpoint`, fitted or not.
    public convenience init(resuming checkpoint: Checkpoint, file: String) throws {
        try self.init(checkpoint.configuration, data: PreparedData(checkpoint.configuration))
        guard data.split.train.dimension == checkpoint.inputDimension else {
            throw CheckpointError(file: file, problem: "was fitted on \(checkpoint.inputDimension) features, but \(configuration.data) now has \(data.split.train.dimension)")
        }
        try checkpoint.requireSameStandardization(as: data, file: file)
        if checkpoint.epoch >= 1 {
            let iterations = checkpoint.history.last?.statistics["iterations"] ?? 0
            guard (0...Double(TrainingConfiguration.Limits.classicCount.upperBound)).contains(iterations) else {
                throw CheckpointError(file: file, problem: "records \(iterations) iterations; expected 0 to \(TrainingConfiguration.Limits.classicCount.upperBound)")
            }
            learned = try LearnedMetric(savedTensors: checkpoint.parameters, iterations: Int(iterations), file: file)
            epoch = 1
        }
        history = checkpoint.history
    }
}
