import DMLXCore
import Foundation

/// k-means clustering (Lloyd's algorithm) seeded by greedy k-means++, as
/// scikit-learn's `KMeans(init="k-means++")` does it: each new center is the best, by
/// the resulting potential Σ min distance², of 2 + ⌊ln k⌋ candidates drawn with
/// probability proportional to the squared distance to the nearest chosen center
/// (Arthur & Vassilvitskii, "k-means++", SODA 2007).
///
/// Lloyd iterations alternate assigning every point to its nearest center (one GEMM
/// per iteration: ‖c‖² − 2x·c) and moving each center to the mean of its points
/// (accumulated in `Double`), until no assignment changes, the centers barely move
/// (`relativeTolerance`) or `maximumIterations` have run.
/// A center left without points moves onto the point farthest from its own center,
/// as scikit-learn relocates empty clusters. Distance ties go to the smaller center
/// index.
///
/// `restarts` defaults to 1, as scikit-learn's `n_init="auto"` does for k-means++
/// (its seeding already makes a good start); with more, the clustering of least
/// inertia wins. Every random draw comes from `SeededGenerator(seed:)` (restart `r`
/// draws from its `derived(r)` stream), so a seed gives the same clustering every time.
public struct KMeans: Sendable {
    /// The result of one clustering.
    public struct Clustering: Sendable, Equatable {
        /// The cluster (0..<k) of every point.
        public var assignments: [Int]
        /// The `k × dimension` centers.
        public var centers: Matrix<Float>
        /// Σ squared distance of every point to its center.
        public var inertia: Double
        /// Lloyd iterations run.
        public var iterations: Int
    }

    public var clusterCount: Int
    public var restarts: Int
    /// 300, scikit-learn's `max_iter`.
    public var maximumIterations: Int
    /// 1e-4, scikit-learn's `tol`: iterations stop once the centers move in total
    /// (Σ squared shift) no more than this times the mean per-feature variance.
    public var relativeTolerance: Double

    public init(clusterCount: Int, restarts: Int = 1, maximumIterations: Int = 300, relativeTolerance: Double = 1e-4) {
        precondition(clusterCount > 0 && restarts > 0 && maximumIterations > 0, "k-means needs positive counts")
        precondition(relativeTolerance >= 0, "the tolerance must be non-negative")
        self.clusterCount = clusterCount
        self.restarts = restarts
        self.maximumIterations = maximumIterations
        self.relativeTolerance = relativeTolerance
    }

    /// Clusters the rows of `points` into `min(clusterCount, points.rows)` clusters.
    public func fit(_ points: Matrix<Float>, seed: UInt64) -> Clustering {
        fit(points, seed: seed, abandoningWhen: { _ in true })!
    }

    /// `fit`, telling `progress` the share done (seeding counts for half of a restart, its
    /// Lloyd iterations, up to `maximumIterations`, for the other half) and abandoned (nil)
    /// as soon as it answers false: 10⁶ points in 1,000 clusters take minutes.
    public func fit(_ points: Matrix<Float>, seed: UInt64, abandoningWhen progress: (Double) -> Bool) -> Clustering? {
        precondition(points.rows > 0, "k-means needs at least one point")
        let base = SeededGenerator(seed: seed)
        let norms = points.rowSquaredNorms
        var best: Clustering?
        for restart in 0..<restarts {
            func report(_ share: Double) -> Bool { progress((Double(restart) + share) / Double(restarts)) }
            var generator = base.derived(UInt64(restart))
            guard let centers = seedCenters(points, norms: norms, generator: &generator, progress: { report(0.5 * $0) }),
                  let candidate = lloyd(points, norms: norms, centers: centers, progress: { report(0.5 + 0.5 * $0) })
            else { return nil }
            if best == nil || candidate.inertia < best!.inertia { best = candidate }
        }
        return best!
    }

    private func lloyd(_ points: Matrix<Float>, norms: [Float], centers initial: Matrix<Float>,
                       progress: (Double) -> Bool) -> Clustering? {
        let tolerance = relativeTolerance * Self.meanVariance(points)
        var centers = initial
        var (assignments, distances) = nearest(points, norms: norms, centers: centers)
        var iterations = 0
        while iterations < maximumIterations {
            guard progress(Double(iterations) / Double(maximumIterations)) else { return nil }
            iterations += 1
            let previous = centers
            centers = means(points, assignments: assignments, distances: distances, count: centers.rows)
            let shift = zip(previous.storage, centers.storage).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
            let (next, nextDistances) = nearest(points, norms: norms, centers: centers)
            let converged = next == assignments || shift <= tolerance
            (assignments, distances) = (next, nextDistances)
            if converged { break }
        }
        return Clustering(assignments: assignments, centers: centers,
                          inertia: distances.reduce(0, +), iterations: iterations)
    }

    private static func meanVariance(_ points: Matrix<Float>) -> Double {
        let n = Double(points.rows)
        var sums = [Double](repeating: 0, count: points.cols)
        var squares = [Double](repeating: 0, count: points.cols)
        for row in 0..<points.rows {
            for (column, value) in points.row(row).enumerated() {
                sums[column] += Double(value)
                squares[column] += Double(value) * Double(value)
            }
        }
        let variances = zip(sums, squares).map { max(0, $1 / n - ($0 / n) * ($0 / n)) }
        return variances.reduce(0, +) / Double(max(1, points.cols))
    }

    /// Greedy k-means++: a uniform first center, then the best of several
    /// distance²-weighted candidates for each next one.
    private func seedCenters(_ points: Matrix<Float>, norms: [Float], generator: inout SeededGenerator,
                             progress: (Double) -> Bool) -> Matrix<Float>? {
        let count = min(clusterCount, points.rows)
        let trials = 2 + Int(log(Double(count)))
        var chosen = [Int(generator.nextUnit() * Double(points.rows))]
        var closest = Self.squaredDistances(points, norms: norms, to: points.rows(chosen)).storage.map(Double.init)
        while chosen.count < count {
            guard progress(Double(chosen.count) / Double(count)) else { return nil }
            let candidates = (0..<trials).map { _ in Self.draw(weights: closest, generator: &generator) }
            let distances = Self.squaredDistances(points, norms: norms, to: points.rows(candidates))
            var best = (potential: Double.infinity, candidate: 0, closest: closest)
            for (trial, candidate) in candidates.enumerated() {
                let updated = closest.indices.map { min(closest[$0], Double(distances[$0, trial])) }
                let potential = updated.reduce(0, +)
                if potential < best.potential { best = (potential, candidate, updated) }
            }
            chosen.append(best.candidate)
            closest = best.closest
        }
        return points.rows(chosen)
    }

    /// An index drawn with probability proportional to `weights` (uniform when all
    /// weights are zero, i.e. every point already sits on a center).
    private static func draw(weights: [Double], generator: inout SeededGenerator) -> Int {
        let total = weights.reduce(0, +)
        guard total > 0 else { return min(weights.count - 1, Int(generator.nextUnit() * Double(weights.count))) }
        var remaining = generator.nextUnit() * total
        for (index, weight) in weights.enumerated() where weight > 0 {
            remaining -= weight
            if remaining < 0 { return index }
        }
        return weights.lastIndex { $0 > 0 }!
    }

    /// The nearest center of every point (ties to the smaller index) and the squared
    /// distance to it, a block of `nearestBlock` points at a time: the distances of
    /// 10⁶ points to 1,000 centers would take 4 GB at once.
    private func nearest(_ points: Matrix<Float>, norms: [Float], centers: Matrix<Float>) -> ([Int], [Double]) {
        var assignments = [Int](repeating: 0, count: points.rows)
        var nearestDistances = [Double](repeating: 0, count: points.rows)
        for start in stride(from: 0, to: points.rows, by: Self.nearestBlock) {
            let block = start..<min(points.rows, start + Self.nearestBlock)
            let distances = Self.squaredDistances(points.rows(Array(block)), norms: Array(norms[block]), to: centers)
            distances.storage.withUnsafeBufferPointer { values in
                for point in block {
                    let row = values.baseAddress! + (point - start) * centers.rows
                    var best = 0
                    for center in 1..<centers.rows where row[center] < row[best] { best = center }
                    assignments[point] = best
                    nearestDistances[point] = Double(row[best])
                }
            }
        }
        return (assignments, nearestDistances)
    }

    private static let nearestBlock = 4096

    /// Squared distances (`points.rows × centers.rows`) by one GEMM: ‖x‖² + ‖c‖² − 2x·c.
    private static func squaredDistances(_ points: Matrix<Float>, norms: [Float], to centers: Matrix<Float>) -> Matrix<Float> {
        var products = Matrix<Float>(rows: points.rows, cols: centers.rows)
        Matrix.gemm(points, centers, transposeB: true, alpha: -2, into: &products)
        let centerNorms = centers.rowSquaredNorms
        let width = centers.rows
        products.storage.withUnsafeMutableBufferPointer { values in
            for point in 0..<points.rows {
                for center in 0..<width {
                    values[point * width + center] = max(0, values[point * width + center] + norms[point] + centerNorms[center])
                }
            }
        }
        return products
    }

    /// The mean of each cluster's points; an empty cluster takes the point farthest
    /// from its center (the farthest unused one when several clusters are empty).
    private func means(_ points: Matrix<Float>, assignments: [Int], distances: [Double], count: Int) -> Matrix<Float> {
        var sums = [Double](repeating: 0, count: count * points.cols)
        var sizes = [Int](repeating: 0, count: count)
        for (point, cluster) in assignments.enumerated() {
            sizes[cluster] += 1
            for (offset, value) in points.row(point).enumerated() { sums[cluster * points.cols + offset] += Double(value) }
        }
        var centers = Matrix<Float>(rows: count, cols: points.cols)
        var farthest = sizes.contains(0) ? assignments.indices.sorted { (distances[$0], $1) > (distances[$1], $0) } : []
        for cluster in 0..<count {
            if sizes[cluster] == 0 {
                let point = farthest.removeFirst()
                for column in 0..<points.cols { centers[cluster, column] = points[point, column] }
            } else {
                for column in 0..<points.cols {
                    centers[cluster, column] = Float(sums[cluster * points.cols + column] / Double(sizes[cluster]))
                }
            }
        }
        return centers
    }
}
