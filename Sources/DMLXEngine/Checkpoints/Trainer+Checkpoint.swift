import DMLXCore
import Foundation

extension Trainer {
    public var checkpoint: Checkpoint {
        Checkpoint(configuration: configuration, epoch: epoch, inputDimension: model.inputDimension,
                   standardizer: data.standardizer, parameters: parameters.map { SavedTensor(name: $0.name, $0.value) },
                   optimizerStep: optimizer.state.step,
                   optimizerSlots: optimizer.state.slots.sorted { $0.key < $1.key }.flatMap { name, slots in
                       slots.enumerated().map { SavedTensor(name: "\(name)#\($0.offset)", Matrix(rows: 1, cols: $0.element.count, storage: $0.element)) }
                   },
                   history: history)
    }

    /// A trainer that continues `checkpoint` exactly where it stopped: same weights,
    /// proxies, optimizer state and history, and — since each epoch draws from its own
    /// random stream — the same batches as an uninterrupted run. `epochs` (if given)
    /// replaces the configured total.
    public convenience init(resuming checkpoint: Checkpoint, file: String, epochs: Int? = nil) throws {
        var configuration = checkpoint.configuration
        if let epochs { configuration.epochs = epochs }
        try self.init(configuration, data: PreparedData(configuration))
        guard model.inputDimension == checkpoint.inputDimension else {
            throw CheckpointError(file: file, problem: "was trained on \(checkpoint.inputDimension) features, but \(configuration.data) now has \(model.inputDimension)")
        }
        let saved = Dictionary(checkpoint.parameters.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        for parameter in parameters {
            guard let tensor = saved[parameter.name], let value = tensor.matrix,
                  value.rows == parameter.value.rows, value.cols == parameter.value.cols else {
                throw CheckpointError(file: file, problem: "has no usable tensor \"\(parameter.name)\" of shape \(parameter.value.rows)×\(parameter.value.cols)")
            }
            parameter.value = value
        }
        var slots: [String: [[Float]]] = [:]
        for tensor in checkpoint.optimizerSlots {
            guard let hash = tensor.name.lastIndex(of: "#"), let value = tensor.matrix else {
                throw CheckpointError(file: file, problem: "has a malformed optimizer slot \"\(tensor.name)\"")
            }
            slots[String(tensor.name[..<hash]), default: []].append(value.storage)
        }
        optimizer.restore(Optimizer.State(step: checkpoint.optimizerStep, slots: slots))
        epoch = checkpoint.epoch
        history = checkpoint.history
    }
}
