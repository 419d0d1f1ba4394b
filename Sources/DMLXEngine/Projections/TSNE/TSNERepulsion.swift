import DMLXCore

/// The repulsive half of t-SNE's gradient: for a layout `y` of `n` points in the plane
/// and the Cauchy kernel `q_ij = 1 / (1 + ‖y_i − y_j‖²)`,
///
///     F_i = Σ_{j≠i} q_ij² (y_i − y_j)        Z = Σ_{i≠j} q_ij
///
/// which cost O(n²) exactly. openTSNE approximates them by Barnes–Hut below 10,000
/// points (`BarnesHutRepulsion`) and by FFT-accelerated interpolation from there
/// (`InterpolatedRepulsion`), and so does dmlx (`TSNEConfiguration.barnesHutLimit`).
protocol TSNERepulsion: Sendable {
    /// Writes `F_i` into row `i` of `forces` (`n × 2`) and returns `Z`.
    mutating func evaluate(_ layout: Matrix<Double>, into forces: inout Matrix<Double>) -> Double
}

/// Which approximation of `TSNERepulsion` a gradient uses.
public enum TSNERepulsionMethod: Sendable, Equatable {
    /// `BarnesHutRepulsion` with opening angle `theta`.
    case barnesHut(theta: Double)
    /// `InterpolatedRepulsion` on this grid.
    case interpolation(TSNEInterpolation)

    func makeRepulsion(threads: Int) -> any TSNERepulsion {
        switch self {
        case .barnesHut(let theta): return BarnesHutRepulsion(theta: theta, threads: threads)
        case .interpolation(let grid): return InterpolatedRepulsion(interpolation: grid, threads: threads)
        }
    }
}
