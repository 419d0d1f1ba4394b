import DMLXCore

/// Scales every row to unit Euclidean length: `y = x / max(‖x‖, ε)` with ε = 1e-12, as
/// `torch.nn.functional.normalize`. Proxy-NCA (Movshovitz-Attias et al. 2017, §3) and
/// most deep metric losses compare normalised embeddings.
///
/// Backward: `∂x = (∂y − y·(y·∂y)) / ‖x‖` per row (the projection of ∂y onto the tangent
/// space of the sphere), as `RowNormalization`.
public final class L2Normalization: Layer {
    public static let epsilon = RowNormalization<Float>.epsilon
    private var normalization: RowNormalization<Float>?

    public init() {}

    public var parameters: [Parameter] { [] }

    public func forward(_ input: Matrix<Float>) -> Matrix<Float> {
        let normalization = RowNormalization(input)
        self.normalization = normalization
        return normalization.normalized
    }

    public func backward(_ outputGradient: Matrix<Float>) -> Matrix<Float> {
        guard let normalization else { preconditionFailure("backward before forward") }
        return normalization.backward(outputGradient)
    }
}
