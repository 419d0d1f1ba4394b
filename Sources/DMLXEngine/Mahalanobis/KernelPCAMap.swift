import DMLXCore
import Foundation

/// What RBF kernel PCA needs to map new points (`KernelPCA.fit`): the training points
/// (anchors), the scaled eigenvector coefficients `v_j / √λ_j`, the column means `r̄` and
/// grand mean `r̄̄` of the training kernel, and γ. `x ↦ k̃(x)ᵀA` with
/// `k̃_i(x) = k(x, x_i) − r̄_i − mean_i k(x, x_i) + r̄̄`, computed in Double, a block of rows
/// at a time (one GEMM for the squared distances to the anchors, one for the projection),
/// so memory stays `block × n`. Stored as Float so that `tensors` round-trip exactly.
public struct KernelPCAMap: Sendable, Equatable {
    /// The training points, `n × d`.
    public let anchors: Matrix<Float>
    /// `n × m`: column `j` is `v_j / √λ_j` (zero for a null component).
    public let coefficients: Matrix<Float>
    /// `r̄`, the column means of the uncentred training kernel (`n`).
    public let columnMeans: [Float]
    /// `r̄̄`, the mean of `r̄`.
    public let grandMean: Float
    public let gamma: Float

    public init(anchors: Matrix<Float>, coefficients: Matrix<Float>, columnMeans: [Float], grandMean: Float, gamma: Float) {
        precondition(coefficients.rows == anchors.rows && columnMeans.count == anchors.rows,
                     "\(anchors.rows) anchors need as many coefficient rows and column means")
        self.anchors = anchors
        self.coefficients = coefficients
        self.columnMeans = columnMeans
        self.grandMean = grandMean
        self.gamma = gamma
    }

    public var inputDimension: Int { anchors.cols }
    public var outputDimension: Int { coefficients.cols }

    /// The kernel principal components of each row of `features` (`rows × m`).
    public func apply(_ features: Matrix<Float>) -> Matrix<Float> {
        precondition(features.cols == inputDimension, "kernel PCA fitted on \(inputDimension) features, given \(features.cols)")
        let anchors = Matrix<Double>(self.anchors), coefficients = Matrix<Double>(self.coefficients)
        var result = Matrix<Float>(rows: features.rows, cols: outputDimension)
        for start in stride(from: 0, to: features.rows, by: Self.blockRows) {
            let rows = Array(start..<min(start + Self.blockRows, features.rows))
            let projected = centredKernel(Matrix<Double>(features.rows(rows)), anchors: anchors).multiplied(by: coefficients)
            for (offset, row) in rows.enumerated() {
                for c in 0..<outputDimension { result[row, c] = Float(projected[offset, c]) }
            }
        }
        return result
    }

    /// Rows per block: 256 × n Doubles (2.5 MB for digits) stay in cache-friendly sizes.
    private static let blockRows = 256

    /// `k̃(x, x_i)` for each row `x` of `block`, with the training centring.
    private func centredKernel(_ block: Matrix<Double>, anchors: Matrix<Double>) -> Matrix<Double> {
        var kernel = block.squaredDistances(to: anchors)
        let n = anchors.rows
        for r in 0..<block.rows {
            var sum = 0.0
            for i in 0..<n {
                let value = exp(-Double(gamma) * kernel.storage[r * n + i])
                kernel.storage[r * n + i] = value
                sum += value
            }
            let offset = Double(grandMean) - sum / Double(n)
            for i in 0..<n { kernel.storage[r * n + i] += offset - Double(columnMeans[i]) }
        }
        return kernel
    }
}
