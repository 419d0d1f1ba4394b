import DMLXCore

/// The result of a `MahalanobisLearner`: the linear map `L` (`outputDimension × d`) of the
/// metric `M = LᵀL`, how many iterations the fit took, and, for the learners that have
/// them, FARM's feature weights and a kernelised learner's kernel PCA map, which `embed`
/// applies before `L`.
public struct LearnedMetric: Sendable, Equatable {
    /// `L`, one output axis per row.
    public let components: Matrix<Float>
    public let iterations: Int
    /// FARM's `w` (`L = L_M diag(w)`): a 0 marks an input feature the metric ignores.
    /// `nil` for the other learners. Under a `kernel` they weight its components.
    public var featureWeights: [Float]?
    /// The kernel PCA map that `embed` applies before `L` (`KernelizedLearner`); `nil`
    /// when `L` acts on the raw features.
    public var kernel: KernelPCAMap?

    public init(components: Matrix<Float>, iterations: Int, featureWeights: [Float]? = nil, kernel: KernelPCAMap? = nil) {
        self.components = components
        self.iterations = iterations
        self.featureWeights = featureWeights
        self.kernel = kernel
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

    /// This metric on the features `diag(w)x`: `L diag(w)`, with `w` kept as `featureWeights`.
    func weightingFeatures(by weights: [Double]) -> LearnedMetric {
        var weighted = components
        for r in 0..<weighted.rows { for c in 0..<weighted.cols { weighted[r, c] *= Float(weights[c]) } }
        return LearnedMetric(components: weighted, iterations: iterations, featureWeights: weights.map { Float($0) }, kernel: kernel)
    }

    /// The raw feature dimension `embed` expects (the kernel's input under a kernel).
    public var inputDimension: Int { kernel?.inputDimension ?? components.cols }
    public var outputDimension: Int { components.rows }

    /// `M = LᵀL`; under a `kernel`, over its components rather than the raw features.
    public var metric: Matrix<Float> { components.multiplied(by: components, transposingSelf: true) }

    /// The rows of `features` mapped through the `kernel` (if any) and then by `L`:
    /// `φ(X) Lᵀ`, one GEMM after the kernel map.
    public func embed(_ features: Matrix<Float>) -> Matrix<Float> {
        precondition(features.cols == inputDimension, "metric learned on \(inputDimension) features, given \(features.cols)")
        return (kernel?.apply(features) ?? features).multiplied(by: components, transposingOther: true)
    }
}
