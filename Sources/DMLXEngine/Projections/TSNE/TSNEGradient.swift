import DMLXCore

/// The gradient of t-SNE's objective `KL(P ‖ Q)` at a layout `y` (van der Maaten &
/// Hinton 2008), at openTSNE's scale (a quarter of the true gradient, which its learning
/// rates assume):
///
///     g_i = α Σ_j p_ij q_ij (y_i − y_j)  −  (1/Z) Σ_j q_ij² (y_i − y_j)
///
/// with `q_ij = 1 / (1 + ‖y_i − y_j‖²)`, `Z = Σ_{i≠j} q_ij` and the exaggeration `α`.
/// The attraction runs over the sparse `P` exactly, O(n·k); the repulsion is
/// approximated (`TSNERepulsion`) by Barnes–Hut or by interpolation.
public struct TSNEGradient: Sendable {
    public let affinities: SparseGraph
    public let threads: Int
    private var repulsion: any TSNERepulsion

    public init(affinities: SparseGraph, repulsion method: TSNERepulsionMethod, threads: Int = 1) {
        self.affinities = affinities
        self.threads = max(1, threads)
        repulsion = method.makeRepulsion(threads: self.threads)
    }

    /// `g` at `layout` (`n × 2`), with `P` multiplied by `exaggeration`.
    public mutating func evaluate(_ layout: Matrix<Double>, exaggeration: Double = 1) -> Matrix<Double> {
        precondition(layout.rows == affinities.count && layout.cols == 2, "the layout is \(affinities.count) × 2")
        var forces = Matrix<Double>(rows: layout.rows, cols: 2)
        let normaliser = repulsion.evaluate(layout, into: &forces)
        var gradient = attraction(layout, exaggeration: exaggeration)
        let scale = 1 / (normaliser + Double.ulpOfOne)
        for index in gradient.storage.indices { gradient.storage[index] -= forces.storage[index] * scale }
        return gradient
    }

    /// `α Σ_j p_ij q_ij (y_i − y_j)` for every `i`, rows shared out among the threads.
    private func attraction(_ layout: Matrix<Double>, exaggeration: Double) -> Matrix<Double> {
        let n = layout.rows
        var result = Matrix<Double>(rows: n, cols: 2)
        let (offsets, columns, weights) = (affinities.offsets, affinities.columns, affinities.weights)
        layout.storage.withUnsafeBufferPointer { y in
            result.storage.withUnsafeMutableBufferPointer { output in
                Parallel.forEachSlice(of: n, workers: threads) { slice in
                    for i in slice {
                        let (xi, yi) = (y[2 * i], y[2 * i + 1])
                        var (sumX, sumY) = (0.0, 0.0)
                        for edge in offsets[i]..<offsets[i + 1] {
                            let j = Int(columns[edge])
                            let (dx, dy) = (xi - y[2 * j], yi - y[2 * j + 1])
                            let pq = Double(weights[edge]) / (1 + dx * dx + dy * dy)
                            sumX += pq * dx
                            sumY += pq * dy
                        }
                        output[2 * i] = exaggeration * sumX
                        output[2 * i + 1] = exaggeration * sumY
                    }
                }
            }
        }
        return result
    }
}
