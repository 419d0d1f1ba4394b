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
        try checkpoint.requireSameStandardization(as: data, file: file)
        let saved = Dictionary(checkpoint.parameters.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        for parameter in parameters {
            guard let tensor = saved[parameter.name], tensor.rows == parameter.value.rows, tensor.cols == parameter.value.cols else {
                throw CheckpointError(file: file, problem: "has no tensor \"\(parameter.name)\" of shape \(parameter.value.rows)×\(parameter.value.cols)")
            }
            parameter.value = try tensor.matrix(file: file)
        }
        let slots = try restoredSlots(checkpoint.optimizerSlots, file: file)
        // Every step gives every parameter its slots; a rule without state keeps none.
        guard slots.count == (checkpoint.optimizerStep > 0 && optimizer.slotCount > 0 ? parameters.count : 0) else {
            throw CheckpointError(file: file, problem: "has optimizer state for \(slots.count) of \(parameters.count) parameters after \(checkpoint.optimizerStep) steps")
        }
        optimizer.restore(Optimizer.State(step: checkpoint.optimizerStep, slots: slots))
        epoch = checkpoint.epoch
        history = checkpoint.history
    }

    /// The optimizer's state vectors "<parameter>#<slot>": each must belong to a parameter,
    /// be one of the rule's slots, and have the parameter's size, or the next step would
    /// index past it.
    private func restoredSlots(_ tensors: [SavedTensor], file: String) throws -> [String: [[Float]]] {
        let sizes = Dictionary(parameters.map { ($0.name, $0.value.storage.count) }, uniquingKeysWith: { $1 })
        var slots: [String: [[Float]]] = [:]
        for tensor in tensors {
            guard let hash = tensor.name.lastIndex(of: "#"), let size = sizes[String(tensor.name[..<hash])],
                  Int(tensor.name[tensor.name.index(after: hash)...]) == slots[String(tensor.name[..<hash])]?.count ?? 0,
                  tensor.rows == 1, tensor.cols == size else {
                throw CheckpointError(file: file, problem: "has a malformed optimizer slot \"\(tensor.name)\" (\(tensor.rows)×\(tensor.cols))")
            }
            slots[String(tensor.name[..<hash]), default: []].append(try tensor.matrix(file: file).storage)
        }
        if let wrong = slots.first(where: { $0.value.count != optimizer.slotCount }) {
            throw CheckpointError(file: file, problem: "has \(wrong.value.count) optimizer slots for \"\(wrong.key)\"; \(configuration.optimizer.kind.rawValue) keeps \(optimizer.slotCount)")
        }
        return slots
    }
}
