import DMLXCore
import Foundation

/// Euclidean distance between rows, optionally raised to a power, as PML's
/// `LpDistance` (p = 2 only).
///
/// D_ij = ‖u_i − v_j‖^power, where u, v are the rows of x, y scaled to unit length when
/// `normalizeEmbeddings` is true (PML's default, so distances lie in [0, 2]).
/// `power` 1 is the plain distance (PML default, used by contrastive and triplet losses);
/// power 2 is the squared distance used by Proxy-NCA.
///
/// At D = 0 with power < 2 the distance is not differentiable; like `torch.cdist`, which
/// PML 2.9 relies on, the backward pass uses the subgradient 0 there instead of NaN.
public struct LpDistance: Distance {
    public var normalizeEmbeddings: Bool
    public var power: Double

    public init(normalizeEmbeddings: Bool = true, power: Double = 1) {
        precondition(power > 0, "power must be positive")
        self.normalizeEmbeddings = normalizeEmbeddings
        self.power = power
    }

    public var isInverted: Bool { false }

    public func matrix(_ x: Matrix<Double>, _ y: Matrix<Double>) -> Matrix<Double> {
        let (u, v) = (normalization(x).apply(to: x), normalization(y).apply(to: y))
        var result = squaredEuclidean(u, v)
        for i in result.storage.indices { result.storage[i] = raised(result.storage[i]) }
        return result
    }

    /// D = d^power from s = d²: s itself for power 2 (no root, no `pow`), √s for power 1.
    private func raised(_ s: Double) -> Double {
        switch power {
        case 2: return s
        case 1: return s.squareRoot()
        default: return pow(s, power / 2)
        }
    }

    /// With c_ij = G_ij · power · D_ij^(power − 2): ∂L/∂u_i = Σ_j c_ij (u_i − v_j) and
    /// ∂L/∂v_j = Σ_i c_ij (v_j − u_i), then back through the normalisation.
    public func backward(_ x: Matrix<Double>, _ y: Matrix<Double>, upstream: Matrix<Double>)
        -> (x: Matrix<Double>, y: Matrix<Double>)
    {
        let (xNormalization, yNormalization) = (normalization(x), normalization(y))
        let (u, v) = (xNormalization.apply(to: x), yNormalization.apply(to: y))
        let coefficients = coefficients(upstream, u, v)
        return (xNormalization.backward(Self.weightedDifferences(coefficients, u, v)),
                yNormalization.backward(Self.weightedDifferences(coefficients.transposed, v, u)))
    }

    /// The u side of `backward(x, x, upstream: G + Gᵀ)` (`symmetrized`).
    public func backward(_ x: Matrix<Double>, upstream: Matrix<Double>) -> Matrix<Double> {
        let xNormalization = normalization(x)
        let u = xNormalization.apply(to: x)
        return xNormalization.backward(Self.weightedDifferences(coefficients(Self.symmetrized(upstream), u, u), u, u))
    }

    /// c_ij = G_ij · power · d_ij^(power − 2).
    private func coefficients(_ upstream: Matrix<Double>, _ u: Matrix<Double>, _ v: Matrix<Double>) -> Matrix<Double> {
        var coefficients = upstream
        guard power != 2 else {
            for i in coefficients.storage.indices { coefficients.storage[i] *= 2 }
            return coefficients
        }
        let squared = squaredEuclidean(u, v)
        for i in coefficients.storage.indices { coefficients.storage[i] *= slope(squared.storage[i]) }
        return coefficients
    }

    /// power · d^(power − 2) from s = d², for power ≠ 2: ∂D/∂d = power · d^(power − 1)
    /// times ∂d/∂u = (u − v) / d; 0 at d = 0. Power 1 avoids `pow`, which otherwise
    /// dominates the backward pass of a 128-row batch.
    private func slope(_ s: Double) -> Double {
        switch power {
        case _ where s <= 0: return 0
        case 1: return 1 / s.squareRoot()
        default: return power * pow(s, power / 2 - 1)
        }
    }

    private func normalization(_ x: Matrix<Double>) -> RowNormalization<Double>? {
        normalizeEmbeddings ? RowNormalization(x) : nil
    }

    /// Row i is Σ_j c_ij (a_i − b_j) = (Σ_j c_ij) a_i − (C b)_i, the product by GEMM.
    private static func weightedDifferences(_ c: Matrix<Double>, _ a: Matrix<Double>, _ b: Matrix<Double>)
        -> Matrix<Double>
    {
        var result = c.multiplied(by: b)
        for i in 0..<a.rows {
            let weight = c.row(i).reduce(0, +)
            for column in 0..<a.cols { result[i, column] = weight * a[i, column] - result[i, column] }
        }
        return result
    }

    /// Squared distances below this fraction of ‖u_i‖² + ‖v_j‖² have lost most of their
    /// digits to cancellation in the GEMM form and are recomputed from differences.
    static let cancellationFraction = 1e-3

    /// ‖u_i − v_j‖² for every pair, from one GEMM as ‖u_i‖² + ‖v_j‖² − 2 u_i·v_j (relative
    /// error at most about dimension · ε / `cancellationFraction`); entries where that
    /// form cancels are recomputed coordinate by coordinate, so that small distances keep
    /// their relative precision and D_ii of a batch against itself is exactly 0.
    private func squaredEuclidean(_ u: Matrix<Double>, _ v: Matrix<Double>) -> Matrix<Double> {
        precondition(u.cols == v.cols, "dimensions differ: \(u.cols) vs \(v.cols)")
        let (uNorms, vNorms) = (u.rowSquaredNorms, v.rowSquaredNorms)
        var result = u.multiplied(by: v, transposingOther: true)
        result.storage.withUnsafeMutableBufferPointer { products in
            for i in 0..<u.rows {
                for j in 0..<v.rows {
                    let scale = uNorms[i] + vNorms[j]
                    let squared = scale - 2 * products[i * v.rows + j]
                    products[i * v.rows + j] = squared > Self.cancellationFraction * scale
                        ? squared
                        : zip(u.row(i), v.row(j)).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                }
            }
        }
        return result
    }
}
