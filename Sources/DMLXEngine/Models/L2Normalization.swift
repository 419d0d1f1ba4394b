import DMLXCore

/// Scales every row to unit Euclidean length: `y = x / max(‖x‖, ε)` with ε = 1e-12, as
/// `torch.nn.functional.normalize`. Proxy-NCA (Movshovitz-Attias et al. 2017, §3) and
/// most deep metric losses compare normalised embeddings.
///
/// Backward: `∂x = (∂y − y·(y·∂y)) / ‖x‖` per row (the projection of ∂y onto the tangent
/// space of the sphere).
public final class L2Normalization: Layer {
    public static let epsilon: Float = 1e-12
    private var output = Matrix<Float>(rows: 0, cols: 0)
    private var norms: [Float] = []

    public init() {}

    public var parameters: [Parameter] { [] }

    public func forward(_ input: Matrix<Float>) -> Matrix<Float> {
        norms = input.rowSquaredNorms.map { max($0.squareRoot(), Self.epsilon) }
        output = input
        for r in 0..<input.rows {
            for c in 0..<input.cols { output[r, c] /= norms[r] }
        }
        return output
    }

    public func backward(_ outputGradient: Matrix<Float>) -> Matrix<Float> {
        var inputGradient = outputGradient
        for r in 0..<output.rows {
            let projection = zip(output.row(r), outputGradient.row(r)).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            for c in 0..<output.cols {
                inputGradient[r, c] = (outputGradient[r, c] - output[r, c] * projection) / norms[r]
            }
        }
        return inputGradient
    }
}
