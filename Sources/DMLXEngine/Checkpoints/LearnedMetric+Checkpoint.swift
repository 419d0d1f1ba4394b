import DMLXCore

extension LearnedMetric {
    static let componentsTensorName = "metric.components"
    static let featureWeightsTensorName = "metric.feature-weights"
    static let kernelTensorPrefix = "metric.kernel."

    /// The tensors a checkpoint stores for this metric: `L`, FARM's feature weights and the
    /// kernel PCA map, where there are any.
    var savedTensors: [SavedTensor] {
        [SavedTensor(name: Self.componentsTensorName, components)]
            + (featureWeights.map { [SavedTensor(name: Self.featureWeightsTensorName, Matrix(rows: 1, cols: $0.count, storage: $0))] } ?? [])
            + (kernel?.tensors.map { SavedTensor(name: Self.kernelTensorPrefix + $0.name, $0.value) } ?? [])
    }

    /// The metric saved as `tensors` in `file`.
    init(savedTensors tensors: [SavedTensor], iterations: Int, file: String) throws {
        func decoded(_ tensor: SavedTensor) throws -> Matrix<Float> { try tensor.matrix(file: file) }
        func matrix(_ name: String) throws -> Matrix<Float>? {
            try tensors.first { $0.name == name }.map(decoded)
        }
        guard let components = try matrix(Self.componentsTensorName) else {
            throw CheckpointError(file: file, problem: "has no usable tensor \"\(Self.componentsTensorName)\"")
        }
        let kernelTensors = try tensors.filter { $0.name.hasPrefix(Self.kernelTensorPrefix) }.map { tensor in
            (name: String(tensor.name.dropFirst(Self.kernelTensorPrefix.count)), value: try decoded(tensor))
        }
        let kernel: KernelPCAMap?
        do {
            kernel = kernelTensors.isEmpty ? nil : try KernelPCAMap(tensors: kernelTensors)
        } catch {
            throw CheckpointError(file: file, problem: "has an unusable kernel map (\(error))")
        }
        self.init(components: components, iterations: iterations,
                  featureWeights: try matrix(Self.featureWeightsTensorName)?.storage, kernel: kernel)
    }
}
