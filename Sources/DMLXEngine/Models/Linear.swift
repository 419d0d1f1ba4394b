import DMLXCore

/// An affine map `y = x·W + b` with `W` stored `inputs × outputs`, so forward and both
/// backward products are single `sgemm` calls.
///
/// Initialisation follows PyTorch's `nn.Linear` (Kaiming-uniform with a = √5, which is
/// U(−1/√inputs, 1/√inputs) for weights and bias), so runs start where a PyTorch user's
/// would. Without bias the layer is a Mahalanobis map `L` (`d(x, y) = ‖(x − y)L‖`).
public final class Linear: Layer {
    public let weight: Parameter
    public let bias: Parameter?
    /// Whether `backward` returns ∂L/∂x. A model's first layer turns it off: nothing
    /// needs the gradient of the input features, and skipping it saves a third of the
    /// layer's backward work (the largest GEMM of a Fashion-MNIST batch).
    public var computesInputGradient = true
    private var input = Matrix<Float>(rows: 0, cols: 0)

    public init(inputs: Int, outputs: Int, bias hasBias: Bool = true, name: String,
                generator: inout SeededGenerator) {
        let bound = 1 / Float(max(1, inputs)).squareRoot()
        func uniform(_ count: Int) -> [Float] {
            (0..<count).map { _ in Float(generator.nextUnit() * 2 - 1) * bound }
        }
        weight = Parameter(name: "\(name).weight", value: Matrix(rows: inputs, cols: outputs, storage: uniform(inputs * outputs)))
        bias = hasBias ? Parameter(name: "\(name).bias", value: Matrix(rows: 1, cols: outputs, storage: uniform(outputs))) : nil
    }

    /// A bias-free map starting at the given weights (e.g. the identity).
    public init(weight: Matrix<Float>, name: String) {
        self.weight = Parameter(name: "\(name).weight", value: weight)
        self.bias = nil
    }

    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    public func forward(_ input: Matrix<Float>) -> Matrix<Float> {
        self.input = input
        var output = Matrix<Float>(rows: input.rows, cols: weight.value.cols)
        if let bias {
            for r in 0..<output.rows {
                output.storage.replaceSubrange((r * output.cols)..<((r + 1) * output.cols), with: bias.value.storage)
            }
        }
        Matrix.gemm(input, weight.value, beta: bias == nil ? 0 : 1, into: &output)
        return output
    }

    /// ∂W += xᵀ·∂y, ∂b += Σ_rows ∂y, ∂x = ∂y·Wᵀ (an empty matrix when
    /// `computesInputGradient` is off).
    public func backward(_ outputGradient: Matrix<Float>) -> Matrix<Float> {
        Matrix.gemm(input, transposeA: true, outputGradient, beta: 1, into: &weight.gradient)
        if let bias {
            // On raw buffers: element-wise access through the class property would pay an
            // exclusivity check per element.
            bias.gradient.storage.withUnsafeMutableBufferPointer { sums in
                for r in 0..<outputGradient.rows {
                    for (c, value) in outputGradient.row(r).enumerated() { sums[c] += value }
                }
            }
        }
        guard computesInputGradient else { return Matrix(rows: 0, cols: 0) }
        return outputGradient.multiplied(by: weight.value, transposingOther: true)
    }
}
