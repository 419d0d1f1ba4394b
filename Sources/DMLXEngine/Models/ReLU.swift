import DMLXCore

/// `y = max(0, x)`; the gradient passes where the input was positive (0 at the kink, as
/// PyTorch does).
public final class ReLU: Layer {
    private var output = Matrix<Float>(rows: 0, cols: 0)

    public init() {}

    public var parameters: [Parameter] { [] }

    public func forward(_ input: Matrix<Float>) -> Matrix<Float> {
        output = Matrix(rows: input.rows, cols: input.cols, storage: input.storage.map { max(0, $0) })
        return output
    }

    public func backward(_ outputGradient: Matrix<Float>) -> Matrix<Float> {
        Matrix(rows: output.rows, cols: output.cols,
               storage: zip(outputGradient.storage, output.storage).map { $1 > 0 ? $0 : 0 })
    }
}
