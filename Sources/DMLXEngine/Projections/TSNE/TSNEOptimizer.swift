import DMLXCore

/// t-SNE's optimisation, openTSNE 1.0.4's `gradient_descent`: batch gradient descent
/// with momentum and per-coordinate gains (Jacobs 1988; a gain grows by 0.2 where the
/// gradient's sign differs from the last update's and shrinks to 0.8 of itself plus the
/// minimum gain where it agrees), each point's step cut to `maximumStepNorm`, and the
/// layout re-centred after every step. The first `earlyExaggerationIterations` multiply
/// `P` by `earlyExaggeration`; the learning rate is `n / exaggeration` unless given.
/// Gains and momentum carry over from one phase to the next, as in openTSNE's `fit`.
///
/// Coordinates are kept in Double, as openTSNE keeps them; `layout` rounds to Float.
public struct TSNEOptimizer: MapOptimizer {
    public let configuration: TSNEConfiguration
    public private(set) var iteration = 0
    private var positions: Matrix<Double>
    private var update: Matrix<Double>
    private var gains: Matrix<Double>
    private var gradient: TSNEGradient

    /// Starts from `initial` (`n × 2`, the same points as `affinities`).
    public init(affinities: SparseGraph, initial: Matrix<Float>, configuration: TSNEConfiguration = TSNEConfiguration(),
                threads: Int = 1) {
        precondition(initial.rows == affinities.count && initial.cols == 2, "the initial layout is \(affinities.count) × 2")
        self.configuration = configuration
        positions = Matrix<Double>(initial)
        update = Matrix(rows: initial.rows, cols: 2)
        gains = Matrix(rows: initial.rows, cols: 2, repeating: 1)
        gradient = TSNEGradient(affinities: affinities, repulsion: configuration.repulsion(points: affinities.count),
                                threads: threads)
    }

    public var layout: Matrix<Float> { Matrix<Float>(positions) }
    public var totalIterations: Int { configuration.totalIterations }

    public mutating func step(_ count: Int) {
        for _ in 0..<max(0, min(count, totalIterations - iteration)) {
            let exaggeration = iteration < configuration.earlyExaggerationIterations ? configuration.earlyExaggeration : 1
            descend(along: gradient.evaluate(positions, exaggeration: exaggeration),
                    learningRate: configuration.learningRate ?? Double(positions.rows) / exaggeration)
            iteration += 1
        }
    }

    /// One step of gains, momentum, step-norm cap and re-centring.
    private mutating func descend(along direction: Matrix<Double>, learningRate: Double) {
        let n = positions.rows
        for index in direction.storage.indices {
            let g = direction.storage[index]
            // NumPy's sign: a zero update (the first step) never agrees with a gradient.
            if sign(update.storage[index]) != sign(g) {
                gains.storage[index] += 0.2
            } else {
                gains.storage[index] = gains.storage[index] * 0.8 + configuration.minimumGain
            }
            update.storage[index] = configuration.momentum * update.storage[index] - learningRate * gains.storage[index] * g
        }
        var mean = (0.0, 0.0)
        for point in 0..<n {
            let norm = (update[point, 0] * update[point, 0] + update[point, 1] * update[point, 1]).squareRoot()
            if norm > configuration.maximumStepNorm {
                update[point, 0] *= configuration.maximumStepNorm / norm
                update[point, 1] *= configuration.maximumStepNorm / norm
            }
            positions[point, 0] += update[point, 0]
            positions[point, 1] += update[point, 1]
            mean.0 += positions[point, 0]
            mean.1 += positions[point, 1]
        }
        for point in 0..<n {
            positions[point, 0] -= mean.0 / Double(n)
            positions[point, 1] -= mean.1 / Double(n)
        }
    }

    private func sign(_ value: Double) -> Int { value > 0 ? 1 : value < 0 ? -1 : 0 }
}
