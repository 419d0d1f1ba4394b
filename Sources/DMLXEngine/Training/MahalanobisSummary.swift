import DMLXCore

/// A classic learner's metric as the UI shows it after an epoch: the heat map of
/// `M = LᵀL`, its eigenvalue spectrum, the constraint counts of the fit, and the scatter
/// map onto the top two directions of `L`. Computed on the run's queue (one `d × d`
/// eigenproblem), never on the UI thread.
public struct MahalanobisSummary: Sendable, Equatable {
    /// `M = LᵀL` over the space `L` acts on (the standardised features, or kernel PCA's).
    public let metric: Matrix<Float>
    /// The magnitude at the ends of `metric`'s heat-map colours: the 99th percentile of
    /// `|M_ij|`, since a handful of dominant entries — such as the diagonal of pixels that
    /// never vary, which no learner touches — would otherwise wash out the rest (larger
    /// entries saturate). Sorted here, on the run's queue, not per frame.
    public let colourScale: Double
    /// The eigenvalues of `M` on the features that vary in the training split, descending:
    /// how many directions the metric really uses. (A feature constant in training, such
    /// as a border pixel of digits, keeps whatever weight `L₀` gave it — no learner gets a
    /// gradient there — and would otherwise top the spectrum with a direction no
    /// distance uses.)
    public let eigenvalues: [Double]
    /// Active constraints after each iteration of the fit (LMNN: impostor triplets inside
    /// the margin; ITML: projections that moved M); empty for learners without any.
    public let activeConstraints: [Int]
    /// FARM's per-feature weights; nil for other learners.
    public let featureWeights: [Float]?
    /// Whether `L` acts on kernel PCA components rather than on the features.
    public let isOverKernelComponents: Bool
    /// Maps embeddings `y = Lx` to `(σ₁v₁ᵀx, σ₂v₂ᵀx)`: their coordinates along `L`'s two
    /// leading left singular vectors `uᵢ = Lvᵢ/σᵢ`, where `vᵢ` are `M`'s leading
    /// eigenvectors (on the varying features, as `eigenvalues`) — exactly the two
    /// directions in which the metric stretches the data most.
    public let axes: LinearProjection

    /// The summary of `learned` whose test embeddings are `embeddings`; `constantFeatures`
    /// are the inputs of `L` that never vary in the training split.
    public init(_ learned: LearnedMetric, embeddings: Matrix<Float>, activeConstraints: [Int],
                constantFeatures: Set<Int> = []) throws(LAPACKError) {
        let components = Matrix<Double>(learned.components)
        let metric = components.multiplied(by: components, transposingSelf: true)
        var varying = metric
        for feature in constantFeatures {
            for other in 0..<metric.cols { varying[feature, other] = 0; varying[other, feature] = 0 }
        }
        let decomposition = try varying.symmetricEigen()
        var axes = Matrix<Float>(rows: components.rows, cols: 2)
        for (column, value) in decomposition.values.prefix(2).enumerated() where value > 0 {
            let direction = (0..<metric.cols).map { decomposition.vectors[$0, column] }
            let image = (0..<components.rows).map { row in
                zip(direction, components.row(row)).reduce(0) { $0 + $1.0 * $1.1 } / value.squareRoot()
            }
            for (row, entry) in PCA.signNormalised(image).enumerated() { axes[row, column] = Float(entry) }
        }
        self.metric = Matrix<Float>(metric)
        let magnitudes = metric.storage.map(abs).sorted()
        let percentile = magnitudes.isEmpty ? 0 : magnitudes[Int(Double(magnitudes.count - 1) * 0.99)]
        colourScale = percentile > 0 ? percentile : magnitudes.last ?? 0
        eigenvalues = decomposition.values.map { max($0, 0) }
        self.activeConstraints = activeConstraints
        featureWeights = learned.featureWeights
        isOverKernelComponents = learned.kernel != nil
        self.axes = LinearProjection(mean: PCA.centre(embeddings).mean, axes: axes)
    }
}
