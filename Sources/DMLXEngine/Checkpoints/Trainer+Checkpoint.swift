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
                   history: history,
                   earlyStopping: earlyStopping.map { rule in
                       SavedEarlyStopping(rule, bestParameters: zip(parameters, bestValues ?? []).map { SavedTensor(name: $0.name, $1) })
                   })
    }

    /// A trainer that continues `checkpoint` exactly where it stopped: same weights,
    /// proxies, optimizer state and history, and — since each epoch draws from its own
    /// random stream — the same batches as an uninterrupted run. `epochs` (if given)
    /// replaces the configured total.
    ///
    /// A `--patience` run resumes with its early-stopping state (replayed from the history,
    /// as `Checkpoint.validate` checked) and its best epoch's weights, so it stops at the
    /// same epoch with the same model as if never interrupted. One that has stopped trains
    /// no further: its model is already the best epoch's, and a new `epochs` is refused.
    public convenience init(resuming checkpoint: Checkpoint, file: String, epochs: Int? = nil) throws {
        var configuration = checkpoint.configuration
        if let stopped = checkpoint.earlyStopping?.stoppedAt, let epochs, epochs != configuration.epochs {
            throw CheckpointError(file: file, problem: "holds a --patience run that stopped at epoch \(stopped) and kept epoch \(checkpoint.modelEpoch)'s model; it trains no further, so --epochs \(epochs) does not apply (start a new run with more --epochs or a larger --patience)")
        }
        if let epochs { configuration.epochs = epochs }
        try self.init(configuration, data: PreparedData(configuration))
        guard model.inputDimension == checkpoint.inputDimension else {
            throw CheckpointError(file: file, problem: "was trained on \(checkpoint.inputDimension) features, but \(configuration.data) now has \(model.inputDimension)")
        }
        try checkpoint.requireSameStandardization(as: data, file: file)
        for (parameter, value) in zip(parameters, try parameterValues(checkpoint.parameters, file: file)) {
            parameter.value = value
        }
        let slots = try restoredSlots(checkpoint.optimizerSlots, file: file)
        // Every step gives every parameter its slots; a rule without state keeps none.
        guard slots.count == (checkpoint.optimizerStep > 0 && optimizer.slotCount > 0 ? parameters.count : 0) else {
            throw CheckpointError(file: file, problem: "has optimizer state for \(slots.count) of \(parameters.count) parameters after \(checkpoint.optimizerStep) steps")
        }
        optimizer.restore(Optimizer.State(step: checkpoint.optimizerStep, slots: slots))
        epoch = checkpoint.epoch
        history = checkpoint.history
        if let saved = checkpoint.earlyStopping, let patience = configuration.patience {
            earlyStopping = EarlyStopping(patience: patience, lastEpoch: configuration.epochs,
                                          replaying: history.map { $0.validationMetrics?.mapAtR ?? .nan })
            bestValues = saved.bestParameters.isEmpty ? nil : try parameterValues(saved.bestParameters, file: file)
            restoreBestOnceStopped()  // a new --epochs equal to the epochs done ends the run here
        }
    }

    /// The values of `parameters`, in their order, from `tensors`: each found by name and
    /// of the parameter's shape.
    private func parameterValues(_ tensors: [SavedTensor], file: String) throws -> [Matrix<Float>] {
        let saved = Dictionary(tensors.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        return try parameters.map { parameter in
            guard let tensor = saved[parameter.name], tensor.rows == parameter.value.rows, tensor.cols == parameter.value.cols else {
                throw CheckpointError(file: file, problem: "has no tensor \"\(parameter.name)\" of shape \(parameter.value.rows)×\(parameter.value.cols)")
            }
            return try tensor.matrix(file: file)
        }
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
