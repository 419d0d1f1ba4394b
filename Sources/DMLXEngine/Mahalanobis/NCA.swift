import DMLXCore
import Foundation

/// Neighbourhood Components Analysis (Goldberger, Roweis, Hinton & Salakhutdinov,
/// "Neighbourhood Components Analysis", NIPS 2004), as metric-learn 0.7's `NCA`.
///
/// With the embedding `e_i = Lx_i`, each sample picks a neighbour by a softmax over
/// negative squared distances, `p_ij = exp(−‖e_i − e_j‖²) / Σ_{k≠i} exp(−‖e_i − e_k‖²)`
/// (`p_ii = 0`), and NCA maximises the expected number of correctly classified samples
/// `f(L) = Σ_i p_i`, `p_i = Σ_{j∈C_i} p_ij`. The gradient is
/// `∂f/∂L = 2L Σ_i (p_i Σ_k p_ik x_ik x_ikᵀ − Σ_{j∈C_i} p_ij x_ij x_ijᵀ)` with
/// `x_ij = x_i − x_j`; it is formed without any n×n×d×d tensor as `2 Eᵀ W X`, where
/// `W = V + Vᵀ − diag(colsum V)` and `V_ij = p_ij([y_i = y_j] − p_i)` (a graph-Laplacian
/// form; two GEMMs of cost n²·d).
///
/// Defaults as metric-learn: L-BFGS (`LBFGSMinimizer`, SciPy's L-BFGS-B stopping rules)
/// on `−f`, at most 100 iterations, output dimension = input dimension, and metric-learn's
/// `init='auto'` rule, which for a full-dimensional output is the identity (LDA only when
/// the output dimension is at most C − 1, PCA when below d). Work is in Double.
/// Progress reports the objective `−f` (so it decreases).
public struct NCA: MahalanobisLearner {
    public var name: String { "nca" }
    public var maxIterations: Int

    public init(maxIterations: Int = 100) {
        self.maxIterations = maxIterations
    }

    public func fit(features: Matrix<Float>, labels: [Int],
                    progress: (MahalanobisIteration) throws -> Void) throws -> LearnedMetric {
        try MahalanobisError.validate(features: features, labels: labels)
        let data = Matrix<Double>(features)
        let minimizer = LBFGSMinimizer(maxIterations: maxIterations)
        let result = try minimizer.minimize(from: Matrix<Double>.identity(data.cols).storage, objective: { storage in
            let (value, gradient) = Self.negativeObjective(components: Matrix(rows: data.cols, cols: data.cols, storage: storage),
                                                           data: data, labels: labels)
            return (value, gradient.storage)
        }, progress: { try progress(MahalanobisIteration(index: $0, objective: $1)) })
        return LearnedMetric(components: Matrix<Double>(rows: data.cols, cols: data.cols, storage: result.point),
                             iterations: result.iterations)
    }

    /// `−f(L)` and its gradient with respect to `L` (`k × d`), for rows `data` (`n × d`).
    public static func negativeObjective(components: Matrix<Double>, data: Matrix<Double>,
                                  labels: [Int]) -> (value: Double, gradient: Matrix<Double>) {
        let n = data.rows
        let embedded = data.multiplied(by: components, transposingOther: true)
        var weights = embedded.pairwiseSquaredDistances()
        var total = 0.0
        var columnSums = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let base = i * n
            var nearest = Double.infinity
            for j in 0..<n where j != i { nearest = min(nearest, weights.storage[base + j]) }
            var normaliser = 0.0
            for j in 0..<n {
                let p = j == i ? 0 : exp(nearest - weights.storage[base + j])
                weights.storage[base + j] = p
                normaliser += p
            }
            var correct = 0.0
            for j in 0..<n {
                weights.storage[base + j] /= normaliser
                if labels[j] == labels[i] { correct += weights.storage[base + j] }
            }
            total += correct
            for j in 0..<n {
                let p = weights.storage[base + j]
                let v = p * ((labels[j] == labels[i] ? 1 : 0) - correct)
                weights.storage[base + j] = v
                columnSums[j] += v
            }
        }
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                let symmetric = weights.storage[i * n + j] + weights.storage[j * n + i]
                weights.storage[i * n + j] = symmetric
                weights.storage[j * n + i] = symmetric
            }
            weights.storage[i * n + i] = -columnSums[i]
        }
        let weightedData = weights.multiplied(by: data)
        var gradient = Matrix<Double>(rows: components.rows, cols: components.cols)
        Matrix.gemm(embedded, transposeA: true, weightedData, alpha: -2, into: &gradient)
        return (-total, gradient)
    }
}
