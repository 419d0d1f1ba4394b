import DMLXCore

/// A stack of layers mapping feature rows to embedding rows.
public final class EmbeddingModel {
    public let configuration: ModelConfiguration
    public let inputDimension: Int
    public let layers: [any Layer]

    /// Builds the model of `configuration` for inputs of `inputDimension` features,
    /// initialised from `generator`. A `linear` model whose dimension equals the input's
    /// starts at the identity (the Euclidean metric), otherwise as PyTorch's `nn.Linear`.
    /// `backward` returns ∂L/∂input only with `inputGradients` (gradient checks want it;
    /// training does not, and saves the work).
    public init(_ configuration: ModelConfiguration, inputDimension: Int, inputGradients: Bool = false,
                generator: inout SeededGenerator) {
        self.configuration = configuration
        self.inputDimension = inputDimension
        var layers: [any Layer] = []
        switch configuration.kind {
        case .linear where configuration.dimension == inputDimension:
            var identity = Matrix<Float>(rows: inputDimension, cols: inputDimension)
            for i in 0..<inputDimension { identity[i, i] = 1 }
            layers.append(Linear(weight: identity, name: "linear"))
        case .linear:
            layers.append(Linear(inputs: inputDimension, outputs: configuration.dimension, bias: false,
                                 name: "linear", generator: &generator))
        case .mlp:
            let widths = [inputDimension] + configuration.hidden + [configuration.dimension]
            for index in 0..<(widths.count - 1) {
                if index > 0 { layers.append(ReLU()) }
                layers.append(Linear(inputs: widths[index], outputs: widths[index + 1],
                                     name: "layer\(index)", generator: &generator))
            }
        }
        if configuration.normalize { layers.append(L2Normalization()) }
        (layers.first as? Linear)?.computesInputGradient = inputGradients
        self.layers = layers
    }

    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// The embeddings of a training batch, remembering what `backward` needs.
    public func forward(_ input: Matrix<Float>) -> Matrix<Float> {
        layers.reduce(input) { $1.forward($0) }
    }

    /// Propagates ∂L/∂embeddings back through every layer, accumulating parameter
    /// gradients; returns ∂L/∂input (empty unless built with `inputGradients`).
    @discardableResult
    public func backward(_ outputGradient: Matrix<Float>) -> Matrix<Float> {
        layers.reversed().reduce(outputGradient) { $1.backward($0) }
    }

    /// The embeddings of any number of rows, computed in chunks so that no layer holds
    /// activations for a whole large data set at once.
    public func embed(_ features: Matrix<Float>, chunkSize: Int = 2048) -> Matrix<Float> {
        var storage = [Float]()
        storage.reserveCapacity(features.rows * configuration.dimension)
        for start in stride(from: 0, to: features.rows, by: chunkSize) {
            let chunk = features.rows(Array(start..<min(features.rows, start + chunkSize)))
            storage.append(contentsOf: forward(chunk).storage)
        }
        return Matrix(rows: features.rows, cols: configuration.dimension, storage: storage)
    }
}
