import DMLXCore
import Foundation

/// UMAP's starting layout, umap-learn 0.5.12's default `init="spectral"`: the two
/// smoothest non-trivial eigenvectors of the fuzzy graph's normalised Laplacian
/// (`GraphSpectrum`), scaled so the largest coordinate is 10, plus Gaussian noise of
/// standard deviation 10⁻⁴, then each axis stretched onto [0, 10] as
/// `simplicial_set_embedding` does before optimising.
///
/// A graph of several connected components is laid out as umap-learn's
/// `multi_component_layout` does: each component's own spectral layout (uniform noise for
/// components of at most 3 points), scaled to half the distance to the nearest other
/// component's centre. Up to 4 components sit at ±(1, 0) and ±(0, 1); for more, umap-learn
/// places the centres by a spectral embedding of `exp(−d²)` between the components'
/// centroids, which underflows to the identity on raw features (centroids hundreds apart),
/// so dmlx places them by the PCA of the centroids instead, scaled to a largest coordinate
/// of 1: components far apart in the embedding stay far apart on the map.
public enum UMAPInitialization {
    public static func spectral(_ graph: SparseGraph, embeddings: Matrix<Float>, seed: UInt64) throws -> Matrix<Float> {
        precondition(graph.count == embeddings.rows, "a graph of \(graph.count) points for \(embeddings.rows) embeddings")
        var generator = SeededGenerator(seed: seed)
        let (labels, count) = graph.connectedComponents()
        var coordinates: [(Double, Double)]
        if count == 1 {
            coordinates = try layout(graph, seed: seed)
        } else {
            coordinates = [(Double, Double)](repeating: (0, 0), count: graph.count)
            let centres = try componentCentres(count: count, labels: labels, embeddings: embeddings)
            for component in 0..<count {
                let members = labels.indices.filter { labels[$0] == component }
                let centre = centres[component]
                let reach = centres.map { hypot($0.0 - centre.0, $0.1 - centre.1) }.filter { $0 > 0 }.min()! / 2
                let placed = try members.count <= 3
                    ? members.map { _ in (reach * (2 * generator.nextUnit() - 1), reach * (2 * generator.nextUnit() - 1)) }
                    : scaled(layout(graph.subgraph(members), seed: seed &+ UInt64(component)), toReach: reach)
                for (member, point) in zip(members, placed) { coordinates[member] = (point.0 + centre.0, point.1 + centre.1) }
            }
        }
        return stretched(noisy(coordinates, &generator))
    }

    /// One connected graph's two smoothest eigenvectors as coordinates.
    private static func layout(_ graph: SparseGraph, seed: UInt64) throws -> [(Double, Double)] {
        guard graph.count > 3 else { return [(Double, Double)](repeating: (0, 0), count: graph.count) }
        let vectors = try GraphSpectrum.smoothestEigenvectors(of: graph, count: 2, seed: seed)
        return Array(zip(vectors[0], vectors[1]))
    }

    private static func scaled(_ points: [(Double, Double)], toReach reach: Double) -> [(Double, Double)] {
        let largest = points.reduce(0.0) { max($0, abs($1.0), abs($1.1)) }
        let factor = largest > 0 ? reach / largest : 0
        return points.map { ($0.0 * factor, $0.1 * factor) }
    }

    /// Where each component's layout is centred (see the type's comment).
    private static func componentCentres(count: Int, labels: [Int], embeddings: Matrix<Float>) throws -> [(Double, Double)] {
        guard count > 4 else {
            return Array([(1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (0.0, -1.0)].prefix(count))
        }
        var centroids = Matrix<Float>(rows: count, cols: embeddings.cols)
        var sizes = [Float](repeating: 0, count: count)
        for (point, component) in labels.enumerated() {
            sizes[component] += 1
            for c in 0..<embeddings.cols { centroids[component, c] += embeddings[point, c] }
        }
        for component in 0..<count {
            for c in 0..<embeddings.cols { centroids[component, c] /= sizes[component] }
        }
        let projected = try PCA(fitting: centroids).projection.project(centroids)
        let spread = projected.storage.map { abs(Double($0)) }.max() ?? 0
        guard spread > 0 else {
            // Identical centroids: evenly round a circle.
            return (0..<count).map { (cos(2 * .pi * Double($0) / Double(count)), sin(2 * .pi * Double($0) / Double(count))) }
        }
        return (0..<count).map { (Double(projected[$0, 0]) / spread, Double(projected[$0, 1]) / spread) }
    }

    /// umap-learn's `noisy_scale_coords`: largest coordinate 10, then N(0, 10⁻⁴) noise.
    private static func noisy(_ points: [(Double, Double)], _ generator: inout SeededGenerator) -> Matrix<Float> {
        let largest = points.reduce(0.0) { max($0, abs($1.0), abs($1.1)) }
        let factor = largest > 0 ? 10 / largest : 0
        var layout = Matrix<Float>(rows: points.count, cols: 2)
        for (i, point) in points.enumerated() {
            layout[i, 0] = Float(point.0 * factor) + Float(1e-4 * generator.nextGaussian())
            layout[i, 1] = Float(point.1 * factor) + Float(1e-4 * generator.nextGaussian())
        }
        return layout
    }

    /// Each axis mapped linearly onto [0, 10] (an axis without extent stays at 0).
    private static func stretched(_ layout: Matrix<Float>) -> Matrix<Float> {
        var result = layout
        for c in 0..<2 {
            let column = (0..<layout.rows).map { layout[$0, c] }
            let (low, high) = (column.min() ?? 0, column.max() ?? 0)
            for r in 0..<layout.rows { result[r, c] = high > low ? 10 * (layout[r, c] - low) / (high - low) : 0 }
        }
        return result
    }
}
