import DMLXCore

/// `y = max(0, x)`; the gradient passes where the input was positive (0 at the kink, as
/// PyTorch does).
public final class ReLU: Layer {
    private var output = Matrix<Float>(rows: 0, cols: 0)

    public init() {}

    public var parameters: [Parameter] { [] }

    public func forward(_ input: Matrix<Float>) -> Matrix<Float> {
        var output = input
        output.storage.withUnsafeMutableBufferPointer { values in
            for i in values.indices { values[i] = max(0, values[i]) }
        }
        self.output = output
        return output
    }

    public func backward(_ outputGradient: Matrix<Float>) -> Matrix<Float> {
        var inputGradient = outputGradient
        inputGradient.storage.withUnsafeMutableBufferPointer { gradient in
            output.storage.withUnsafeBufferPointer { output in
                for i in gradient.indices {
                    // Loaded first, so that this is a select the compiler vectorises, not a
                    // branch mispredicted on half the units.
                    let value = gradient[i]
                    gradient[i] = output[i] > 0 ? value : 0
                }
            }
        }
        return inputGradient
    }
}
