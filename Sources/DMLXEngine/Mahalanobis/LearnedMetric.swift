import DMLXCore

/// The result of a `MahalanobisLearner`: the linear map `L` (`outputDimension × d`) of the
/// metric `M = LᵀL`, and how many iterations the fit took.
public struct LearnedMetric: Sendable, Equatable {
    /// `L`, one output axis per row.
    public let components: Matrix<Float>
    public let iterations: Int

    public init(components: Matrix<Float>, iterations: Int) {
        self.components = components
        self.iterations = iterations
    }

    /// `L` from a Double fit.
    init(components: Matrix<Double>, iterations: Int) {
        self.init(components: Matrix<Float>(components), iterations: iterations)
    }

    /// `L` from a metric `M ⪰ 0` by its eigen-decomposition `M = VΛVᵀ`: `L = Λ^½Vᵀ` (as
    /// metric-learn's `components_from_metric`, up to an orthogonal factor that leaves
    /// distances alone). Eigenvalues at rounding level — below `d·ε·λ_max`, NumPy's
    /// `matrix_rank` tolerance — are set to 0: the eigenvectors of a numerically null
    /// space are arbitrary (they change with OpenBLAS's thread count), and so would `L` be.
    init(metric: Matrix<Double>, iterations: Int) throws {
        let decomposition = try metric.symmetricEigen()
        let tolerance = Double(metric.rows) * Double.ulpOfOne * (decomposition.values.first ?? 0)
        var components = Matrix<Double>(rows: metric.rows, cols: metric.cols)
        for (axis, value) in decomposition.values.enumerated() {
            let scale = value > tolerance ? value.squareRoot() : 0
            for column in 0..<metric.cols { components[axis, column] = scale * decomposition.vectors[column, axis] }
        }
        self.init(components: components, iterations: iterations)
    }

    public var inputDimension: Int { components.cols }
    public var outputDimension: Int { components.rows }

    /// `M = LᵀL` (`d × d`).
    public var metric: Matrix<Float> { components.multiplied(by: components, transposingSelf: true) }

    /// The rows of `features` mapped by `L`: `X Lᵀ`, one GEMM.
    public func embed(_ features: Matrix<Float>) -> Matrix<Float> {
        precondition(features.cols == inputDimension, "metric learned on \(inputDimension) features, given \(features.cols)")
        return features.multiplied(by: components, transposingOther: true)
    }
}
