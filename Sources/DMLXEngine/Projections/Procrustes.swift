import DMLXCore
import Foundation

/// Orthogonal Procrustes in the plane (Schönemann 1966): for two `n × 2` configurations
/// `X` and `Y` of the same points, the 2 × 2 orthogonal `Q` (a rotation or a reflection,
/// `QᵀQ = I`) minimising `‖XQ − Y‖_F`.
///
/// Minimising `‖XQ − Y‖²` is maximising `tr(Qᵀ M)` with `M = XᵀY = [[a, b], [c, d]]`; the
/// general answer is `Q = U Vᵀ` from the SVD `M = U Σ Vᵀ`. In 2-D the maximum over
/// rotations by θ, `(a + d) cos θ + (c − b) sin θ`, is `√((a + d)² + (c − b)²)` at
/// `θ = atan2(c − b, a + d)`, and over reflections `[[cos θ, sin θ], [sin θ, −cos θ]]`,
/// `(a − d) cos θ + (b + c) sin θ`, is `√((a − d)² + (b + c)²)` at `θ = atan2(b + c, a − d)`;
/// the larger of the two is `σ₁ + σ₂` and its `Q` is `U Vᵀ`. Ties go to the rotation, so
/// `M = 0` (nothing to align) gives the identity. `M` is accumulated in Double.
public enum Procrustes {
    /// The `Q` (2 × 2) that best maps `source` onto `target` (both `n × 2`).
    public static func alignment(from source: Matrix<Float>, to target: Matrix<Float>) -> Matrix<Float> {
        precondition(source.cols == 2 && target.cols == 2 && source.rows == target.rows,
                     "Procrustes aligns two n×2 configurations, not \(source.rows)×\(source.cols) and \(target.rows)×\(target.cols)")
        var m = [Double](repeating: 0, count: 4)
        for r in 0..<source.rows {
            for i in 0..<2 {
                for j in 0..<2 { m[2 * i + j] += Double(source[r, i]) * Double(target[r, j]) }
            }
        }
        let (a, b, c, d) = (m[0], m[1], m[2], m[3])
        let rotation = ((a + d) * (a + d) + (c - b) * (c - b), atan2(c - b, a + d))
        let reflection = ((a - d) * (a - d) + (b + c) * (b + c), atan2(b + c, a - d))
        if reflection.0 > rotation.0 {
            let (cosine, sine) = (Float(cos(reflection.1)), Float(sin(reflection.1)))
            return Matrix([[cosine, sine], [sine, -cosine]])
        }
        let (cosine, sine) = (Float(cos(rotation.1)), Float(sin(rotation.1)))
        return Matrix([[cosine, -sine], [sine, cosine]])
    }
}
