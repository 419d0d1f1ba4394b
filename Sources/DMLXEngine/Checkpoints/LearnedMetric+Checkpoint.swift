import DMLXCore

extension LearnedMetric {
    static let componentsTensorName = "metric.components"

    /// The tensors a checkpoint stores for this metric.
    var savedTensors: [SavedTensor] {
        [SavedTensor(name: Self.componentsTensorName, components)]
    }

    /// The metric saved as `tensors` in `file`.
    init(savedTensors tensors: [SavedTensor], iterations: Int, file: String) throws {
        guard let components = tensors.first(where: { $0.name == Self.componentsTensorName })?.matrix else {
            throw CheckpointError(file: file, problem: "has no usable tensor \"\(Self.componentsTensorName)\"")
        }
        self.init(components: components, iterations: iterations)
    }
}
