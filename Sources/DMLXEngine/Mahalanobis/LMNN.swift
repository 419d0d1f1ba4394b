import DMLXCore

/// Large Margin Nearest Neighbor (Weinberger, Blitzer & Saul, "Distance Metric Learning
/// for Large Margin Nearest Neighbor Classification", NIPS 2005), as metric-learn 0.7's
/// `LMNN`.
///
/// Each sample `i` has `k` target neighbours `j ⇝ i` (its nearest same-class samples in
/// the input space, fixed). With `d_ab = ‖Lx_a − Lx_b‖²` and regularisation `μ`, LMNN
/// minimises
/// `ε(L) = μ Σ_{j⇝i} d_ij + (1 − μ) Σ_{j⇝i} Σ_{l: y_l≠y_i} [1 + d_ij − d_il]₊`;
/// a triplet with `d_il < 1 + d_ij` is an active impostor constraint. The gradient is
/// `2L (μ Σ x_ij x_ijᵀ + (1 − μ) Σ_active (x_ij x_ijᵀ − x_il x_ilᵀ))`, formed as
/// `2 Eᵀ (Λ X)` with the graph Laplacian `Λ` of the weighted pairs, accumulated edge by
/// edge (one weight per target pair and per impostor pair, so no d×d outer product per
/// triplet and no n×n matrix). The active set is recomputed from all different-class
/// pairs at every evaluation, one GEMM per class against the later classes (so about
/// half the n² distances), as metric-learn's impostor search within the margin radius
/// `1 + max_j d_ij`.
///
/// Optimisation as metric-learn: start at `L = I` (its `init='auto'` for a full output
/// dimension), gradient steps `L ← L − η ∇ε`; a step that raises `ε` is retried with
/// `η/2`, an accepted step multiplies `η` by 1.01. Stop after `maxIterations` or, past
/// `minIterations`, when `|Δε| < convergenceTolerance`. Defaults: k = 3, μ = 0.5,
/// η₀ = 1e-7, 50 / 1000 iterations, tolerance 1e-3. Progress reports `ε` and the number of
/// active impostor constraints.
public struct LMNN: MahalanobisLearner {
    public var name: String { "lmnn" }
    public var neighbors: Int
    public var regularization: Double
    public var learningRate: Double
    public var minIterations: Int
    public var maxIterations: Int
    public var convergenceTolerance: Double

    public init(neighbors: Int = 3, regularization: Double = 0.5, learningRate: Double = 1e-7,
                minIterations: Int = 50, maxIterations: Int = 1000, convergenceTolerance: Double = 1e-3) {
        self.neighbors = neighbors
        self.regularization = regularization
        self.learningRate = learningRate
        self.minIterations = minIterations
        self.maxIterations = maxIterations
        self.convergenceTolerance = convergenceTolerance
    }

    public func fit(features: Matrix<Float>, labels: [Int],
                    progress: (MahalanobisIteration) throws -> Void) throws -> LearnedMetric {
        try MahalanobisError.validate(features: features, labels: labels, minimumClassSize: neighbors + 1)
        let data = Matrix<Double>(features)
        let targets = Self.targetNeighbors(of: data, labels: labels, count: neighbors)
        var components = Matrix<Double>.identity(data.cols)
        var current = evaluate(components: components, data: data, labels: labels, targets: targets)
        var rate = learningRate
        var iteration = 1
        while iteration < maxIterations, current.activeConstraints > 0 {
            iteration += 1
            var candidate: Matrix<Double>
            var next: (value: Double, gradient: Matrix<Double>, activeConstraints: Int)
            repeat {
                candidate = components
                for index in candidate.storage.indices { candidate.storage[index] -= rate * current.gradient.storage[index] }
                next = evaluate(components: candidate, data: data, labels: labels, targets: targets)
                if next.value > current.value { rate /= 2 }
            } while next.value > current.value && rate > 1e-30
            let change = next.value - current.value
            guard change <= 0 else {
                iteration -= 1
                break
            }
            (components, current) = (candidate, next)
            rate *= 1.01
            try progress(MahalanobisIteration(index: iteration, objective: current.value, activeConstraints: current.activeConstraints))
            if iteration > minIterations && abs(change) < convergenceTolerance { break }
        }
        return LearnedMetric(components: components, iterations: iteration)
    }

    /// For each sample, the indices of its `count` nearest other samples of the same class
    /// (squared Euclidean distance in the input space; ties to the smaller index).
    public static func targetNeighbors(of data: Matrix<Double>, labels: [Int], count: Int) -> [[Int]] {
        let distances = data.pairwiseSquaredDistances()
        return labels.indices.map { i in
            let mates = labels.indices.filter { $0 != i && labels[$0] == labels[i] }
            return Array(mates.sorted { (distances[i, $0], $0) < (distances[i, $1], $1) }.prefix(count))
        }
    }

    /// `ε(L)`, its gradient with respect to `L`, and the number of active impostor triplets.
    public func evaluate(components: Matrix<Double>, data: Matrix<Double>, labels: [Int],
                         targets: [[Int]]) -> (value: Double, gradient: Matrix<Double>, activeConstraints: Int) {
        let n = data.rows
        let embedded = data.multiplied(by: components, transposingOther: true)
        let reaches = targets.indices.map { i in targets[i].map { 1 + embedded.squaredDistance(i, $0) } }
        let radii = reaches.map { $0.max() ?? 0 }
        let push = 1 - regularization
        var targetWeights = targets.map { [Double](repeating: regularization, count: $0.count) }
        var impostorPairs: [(Int, Int, Double)] = []
        let pull = reaches.joined().reduce(0) { $0 + $1 - 1 }
        var hinge = 0.0
        var active = 0
        func activate(anchor: Int, impostor: Double) -> Int {
            var count = 0
            for slot in reaches[anchor].indices where impostor < reaches[anchor][slot] {
                count += 1
                hinge += reaches[anchor][slot] - impostor
                targetWeights[anchor][slot] += push
            }
            return count
        }
        let classes = Dictionary(grouping: labels.indices, by: { labels[$0] }).sorted { $0.key < $1.key }.map(\.value)
        for (position, members) in classes.enumerated().dropLast() {
            let others = Array(classes[(position + 1)...].joined())
            let block = embedded.rows(members).squaredDistances(to: embedded.rows(others))
            for (row, a) in members.enumerated() {
                for (column, b) in others.enumerated() {
                    let impostor = block.storage[row * others.count + column]
                    guard impostor < radii[a] || impostor < radii[b] else { continue }
                    let count = activate(anchor: a, impostor: impostor) + activate(anchor: b, impostor: impostor)
                    if count > 0 { impostorPairs.append((a, b, -push * Double(count))) }
                    active += count
                }
            }
        }
        var weighted = Matrix<Double>(rows: n, cols: data.cols)
        for i in 0..<n {
            for (slot, j) in targets[i].enumerated() { weighted.addEdge(i, j, weight: targetWeights[i][slot], data: data) }
        }
        for (a, b, weight) in impostorPairs { weighted.addEdge(a, b, weight: weight, data: data) }
        var gradient = Matrix<Double>(rows: components.rows, cols: components.cols)
        Matrix.gemm(embedded, transposeA: true, weighted, alpha: 2, into: &gradient)
        return (regularization * pull + push * hinge, gradient, active)
    }
}

extension Matrix where Scalar == Double {
    /// Adds the edge `(a, b)` of weight `w` of a graph Laplacian `Λ` to `self = ΛX`:
    /// row a gains `w(x_a − x_b)`, row b gains `w(x_b − x_a)`, so that `XᵀΛX` sums
    /// `w (x_a − x_b)(x_a − x_b)ᵀ` without forming `Λ` (n×n) or any d×d outer product.
    fileprivate mutating func addEdge(_ a: Int, _ b: Int, weight: Double, data: Matrix<Double>) {
        let d = cols
        for c in 0..<d {
            let difference = weight * (data.storage[a * d + c] - data.storage[b * d + c])
            storage[a * d + c] += difference
            storage[b * d + c] -= difference
        }
    }
}
