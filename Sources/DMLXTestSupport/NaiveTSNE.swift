import DMLXCore
import DMLXEngine
import Foundation

/// t-SNE's objective and gradient written the O(n²) way straight from van der Maaten &
/// Hinton (2008), over a dense P and every pair, sharing no code with `TSNEGradient`,
/// so that agreement means something.
public enum NaiveTSNE {
    /// `KL(P ‖ Q) = Σ_{i≠j} p_ij log(p_ij / q_ij)` with `q_ij = (1 + ‖y_i − y_j‖²)⁻¹ / Z`.
    public static func divergence(layout: Matrix<Double>, affinities: SparseGraph) -> Double {
        let n = layout.rows
        let normaliser = (0..<n).reduce(0.0) { total, i in (0..<n).reduce(total) { $1 == i ? $0 : $0 + kernel(layout, i, $1) } }
        var divergence = 0.0
        for i in 0..<n {
            for j in 0..<n where j != i {
                let p = Double(affinities.weight(i, j))
                if p > 0 { divergence += p * log(p / (kernel(layout, i, j) / normaliser)) }
            }
        }
        return divergence
    }

    /// A quarter of `∂KL/∂y_i` with P multiplied by `exaggeration`:
    /// `Σ_j (α p_ij − q_ij) (1 + ‖y_i − y_j‖²)⁻¹ (y_i − y_j)`.
    public static func gradient(layout: Matrix<Double>, affinities: SparseGraph, exaggeration: Double = 1) -> Matrix<Double> {
        let n = layout.rows
        let normaliser = (0..<n).reduce(0.0) { total, i in (0..<n).reduce(total) { $1 == i ? $0 : $0 + kernel(layout, i, $1) } }
        var gradient = Matrix<Double>(rows: n, cols: 2)
        for i in 0..<n {
            for j in 0..<n where j != i {
                let w = kernel(layout, i, j)
                let coefficient = (exaggeration * Double(affinities.weight(i, j)) - w / normaliser) * w
                for c in 0..<2 { gradient[i, c] += coefficient * (layout[i, c] - layout[j, c]) }
            }
        }
        return gradient
    }

    /// `(1 + ‖y_i − y_j‖²)⁻¹`.
    private static func kernel(_ layout: Matrix<Double>, _ i: Int, _ j: Int) -> Double {
        let dx = layout[i, 0] - layout[j, 0], dy = layout[i, 1] - layout[j, 1]
        return 1 / (1 + dx * dx + dy * dy)
    }
}
