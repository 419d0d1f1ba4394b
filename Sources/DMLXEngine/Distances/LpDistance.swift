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
        var result = euclidean(u, v)
        if power != 1 {
            for i in result.storage.indices { result.storage[i] = pow(result.storage[i], power) }
        }
        return result
    }

    /// With c_ij = G_ij · power · D_ij^(power − 2): ∂L/∂u_i = Σ_j c_ij (u_i − v_j) and
    /// ∂L/∂v_j = −Σ_i c_ij (u_i − v_j), then back through the normalisation.
    public func backward(_ x: Matrix<Double>, _ y: Matrix<Double>, upstream: Matrix<Double>)
        -> (x: Matrix<Double>, y: Matrix<Double>)
    {
        let (xNormalization, yNormalization) = (normalization(x), normalization(y))
        let (u, v) = (xNormalization.apply(to: x), yNormalization.apply(to: y))
        let distances = euclidean(u, v)
        var coefficients = upstream
        for i in coefficients.storage.indices {
            let d = distances.storage[i]
            let slope = power == 2 ? 2 : (d > 0 ? power * pow(d, power - 2) : 0)
            coefficients.storage[i] *= slope
        }
        var gradientU = coefficients.multiplied(v)
        var gradientV = coefficients.transposed.multiplied(u)
        for i in 0..<u.rows {
            let weight = coefficients.row(i).reduce(0, +)
            for c in 0..<u.cols { gradientU[i, c] = weight * u[i, c] - gradientU[i, c] }
        }
        for j in 0..<v.rows {
            let weight = (0..<u.rows).reduce(0) { $0 + coefficients[$1, j] }
            for c in 0..<v.cols { gradientV[j, c] = weight * v[j, c] - gradientV[j, c] }
        }
        return (xNormalization.backward(gradientU), yNormalization.backward(gradientV))
    }

    private func normalization(_ x: Matrix<Double>) -> RowNormalization? {
        normalizeEmbeddings ? RowNormalization(x) : nil
    }

    /// Differences taken row by row (not ‖u‖² + ‖v‖² − 2u·v) so that small distances
    /// keep their relative precision.
    private func euclidean(_ u: Matrix<Double>, _ v: Matrix<Double>) -> Matrix<Double> {
        precondition(u.cols == v.cols, "dimensions differ: \(u.cols) vs \(v.cols)")
        var result = Matrix<Double>(rows: u.rows, cols: v.rows)
        for i in 0..<u.rows {
            let a = u.row(i)
            for j in 0..<v.rows {
                result[i, j] = zip(a, v.row(j)).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
            }
        }
        return result
    }
}
