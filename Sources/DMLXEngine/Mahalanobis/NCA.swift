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

    /// Rows of the `p_ij` matrix held at once: memory is O(block · n), never n × n.
    static let blockRows = 256

    /// `−f(L)` and its gradient with respect to `L` (`k × d`), for rows `data` (`n × d`).
    ///
    /// One blocked pass over the rows of `V`: each block of rows is built from its squared
    /// distances to every embedded sample, then contributes `V_b X` to its own rows of `W X`
    /// and `V_bᵀ X_b` to all of them; `−diag(colsum V) X` is added at the end.
    public static func negativeObjective(components: Matrix<Double>, data: Matrix<Double>,
                                         labels: [Int]) -> (value: Double, gradient: Matrix<Double>) {
        let n = data.rows
        let embedded = data.multiplied(by: components, transposingOther: true)
        var weightedData = Matrix<Double>(rows: n, cols: data.cols)
        var columnSums = [Double](repeating: 0, count: n)
        var total = 0.0
        for start in stride(from: 0, to: n, by: blockRows) {
            let block = Array(start..<min(n, start + blockRows))
            var weights = embedded.rows(block).squaredDistances(to: embedded)
            weights.storage.withUnsafeMutableBufferPointer { storage in
                for (row, i) in block.enumerated() {
                    let values = UnsafeMutableBufferPointer(rebasing: storage[(row * n)..<((row + 1) * n)])
                    total += neighbourWeights(values, of: i, labels: labels)
                    for j in 0..<n { columnSums[j] += values[j] }
                }
            }
            var own = Matrix<Double>(rows: block.count, cols: data.cols)
            Matrix.gemm(weights, data, into: &own)
            for (offset, value) in own.storage.enumerated() { weightedData.storage[start * data.cols + offset] += value }
            Matrix.gemm(weights, transposeA: true, data.rows(block), beta: 1, into: &weightedData)
        }
        for i in 0..<n {
            for c in 0..<data.cols { weightedData[i, c] -= columnSums[i] * data[i, c] }
        }
        var gradient = Matrix<Double>(rows: components.rows, cols: components.cols)
        Matrix.gemm(embedded, transposeA: true, weightedData, alpha: -2, into: &gradient)
        return (-total, gradient)
    }

    /// Turns sample `i`'s squared distances to every sample into its row of
    /// `V_ij = p_ij([y_i = y_j] − p_i)` (softmax shifted by the nearest distance for
    /// stability, `p_ii = 0`) and returns `p_i`, in three passes over the row.
    ///
    /// A sample farther than `negligible` beyond the nearest gets weight 0 without calling
    /// `exp`: its weight would be below 2⁻⁵³ of the nearest's (which is 1 after the shift),
    /// so adding it to the normaliser changes nothing beyond rounding. On digits most
    /// samples are that far, and `exp` was a third of the fit's time.
    private static func neighbourWeights(_ row: UnsafeMutableBufferPointer<Double>, of i: Int, labels: [Int]) -> Double {
        let negligible = -53 * M_LN2
        var nearest = Double.infinity
        for j in labels.indices where j != i { nearest = min(nearest, row[j]) }
        var normaliser = 0.0
        var sameClass = 0.0
        let label = labels[i]
        for j in labels.indices {
            let shifted = nearest - row[j]
            let weight = j == i || shifted < negligible ? 0 : exp(shifted)
            row[j] = weight
            normaliser += weight
            if labels[j] == label { sameClass += weight }
        }
        let correct = sameClass / normaliser
        for j in labels.indices { row[j] *= ((labels[j] == label ? 1 : 0) - correct) / normaliser }
        return correct
    }
}
