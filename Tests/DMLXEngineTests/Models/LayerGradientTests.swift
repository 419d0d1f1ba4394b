import Testing
import DMLXCore
import DMLXEngine
import DMLXTestSupport

@Suite struct LayerGradientTests {
    /// Gaussian inputs kept at least 0.05 from zero, so no ReLU input sits at its kink.
    func input(_ rows: Int, _ cols: Int, seed: UInt64 = 3) -> Matrix<Float> {
        var generator = SeededGenerator(seed: seed)
        return Matrix(rows: rows, cols: cols, storage: (0..<rows * cols).map { _ in
            let value = Float(generator.nextGaussian())
            return value >= 0 ? value + 0.05 : value - 0.05
        })
    }

    @Test func linearWithBias() {
        var generator = SeededGenerator(seed: 1)
        let layer = Linear(inputs: 5, outputs: 3, name: "l", generator: &generator)
        #expect(LayerGradientCheck.maximumRelativeError(of: layer, input: input(4, 5)) < 1e-2)
    }

    @Test func linearWithoutBias() {
        var generator = SeededGenerator(seed: 2)
        let layer = Linear(inputs: 4, outputs: 6, bias: false, name: "l", generator: &generator)
        #expect(layer.parameters.count == 1)
        #expect(LayerGradientCheck.maximumRelativeError(of: layer, input: input(3, 4)) < 1e-2)
    }

    @Test func relu() {
        #expect(LayerGradientCheck.maximumRelativeError(of: ReLU(), input: input(5, 4), step: 1e-2) < 1e-2)
    }

    @Test func l2Normalization() {
        #expect(LayerGradientCheck.maximumRelativeError(of: L2Normalization(), input: input(4, 6), step: 1e-3) < 1e-2)
    }

    @Test func wholeMLPBackpropagatesThroughEveryLayer() {
        var generator = SeededGenerator(seed: 5)
        let model = EmbeddingModel(ModelConfiguration(kind: .mlp, hidden: [7], dimension: 3, normalize: true),
                                   inputDimension: 4, inputGradients: true, generator: &generator)
        let stack = ModelAsLayer(model: model)
        #expect(LayerGradientCheck.maximumRelativeError(of: stack, input: input(6, 4), step: 1e-3) < 2e-2)
    }

    @Test func trainingModelsSkipTheInputGradient() {
        var generator = SeededGenerator(seed: 5)
        let model = EmbeddingModel(ModelConfiguration(kind: .mlp, hidden: [7], dimension: 3),
                                   inputDimension: 4, generator: &generator)
        let output = model.forward(input(2, 4))
        // Not ∂/∂y of ‖y‖² (zero on the unit sphere): a fixed direction instead.
        let upstream = Matrix<Float>(rows: output.rows, cols: output.cols, storage: (0..<output.storage.count).map { Float($0 % 3) - 1 })
        #expect(model.backward(upstream).storage.isEmpty)
        #expect(model.parameters[0].gradient.storage.contains { $0 != 0 })
    }

    @Test func linearForwardIsXWPlusB() {
        let layer = Linear(weight: Matrix([[1, 2], [3, 4], [5, 6]]), name: "m")
        #expect(layer.forward(Matrix([[1, 0, -1]])) == Matrix([[-4, -4]]))
    }

    @Test func normalizedRowsHaveUnitLength() {
        let output = L2Normalization().forward(Matrix([[3, 4], [0, 0]]))
        #expect(output == Matrix([[0.6, 0.8], [0, 0]]))
    }

    @Test func linearModelOfFullDimensionStartsAtTheIdentity() {
        var generator = SeededGenerator(seed: 0)
        let model = EmbeddingModel(ModelConfiguration(kind: .linear, hidden: [], dimension: 3, normalize: false),
                                   inputDimension: 3, generator: &generator)
        let x = Matrix<Float>([[1, -2, 3]])
        #expect(model.embed(x) == x)
    }

    @Test func sameSeedSameWeights() {
        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9)
        let configuration = ModelConfiguration(kind: .mlp, hidden: [8], dimension: 4)
        let first = EmbeddingModel(configuration, inputDimension: 5, generator: &a)
        let second = EmbeddingModel(configuration, inputDimension: 5, generator: &b)
        #expect(first.parameters.map(\.value) == second.parameters.map(\.value))
    }
}

/// Lets the gradient checker treat a whole model as one layer.
private final class ModelAsLayer: Layer {
    let model: EmbeddingModel
    init(model: EmbeddingModel) { self.model = model }
    var parameters: [Parameter] { model.parameters }
    func forward(_ input: Matrix<Float>) -> Matrix<Float> { model.forward(input) }
    func backward(_ outputGradient: Matrix<Float>) -> Matrix<Float> { model.backward(outputGradient) }
}
