import DMLXCore
import Foundation

/// The smoothest non-trivial eigenvectors of a connected weighted graph: those of its
/// normalised Laplacian `L = I − D^{−½} W D^{−½}` for the 2nd, 3rd, ... smallest
/// eigenvalues, which UMAP's spectral initialisation uses as coordinates (umap-learn asks
/// ARPACK's `eigsh` for them with tolerance 10⁻⁴). They are the leading eigenvectors of
/// `M = D^{−½} W D^{−½}` once its top one, `√deg / ‖√deg‖` (eigenvalue 1), is projected
/// out.
///
/// Up to `denseLimit` vertices `L` is decomposed densely (LAPACK); beyond, by thick-restart
/// Lanczos (Wu & Simon 2000) on `M` with full reorthogonalisation in Double: a basis of
/// at most 40 vectors (BLAS for every projection), restarted from the `count + 8` best
/// Ritz vectors, until each wanted pair's residual `‖My − θy‖` is below 10⁻⁴ or 60
/// restarts have passed. Clustered graphs have many eigenvalues close to 1, which converge
/// slowly among themselves; the Ritz vectors are then still combinations of those
/// cluster-indicator directions, which is what an initialisation needs. Memory O(n · 40).
public enum GraphSpectrum {
    public static let denseLimit = 600
    public static let tolerance = 1e-4
    static let basisCapacity = 40
    static let maximumRestarts = 60

    /// `count` eigenvectors (each `n` long, unit length, orthogonal to `√deg`), smoothest
    /// first. The graph must be connected with at least `count + 2` vertices.
    public static func smoothestEigenvectors(of graph: SparseGraph, count: Int, seed: UInt64) throws -> [[Double]] {
        graph.count <= denseLimit ? try dense(graph, count: count) : try lanczos(graph, count: count, seed: seed)
    }

    /// By LAPACK on the dense `L`.
    public static func dense(_ graph: SparseGraph, count: Int) throws -> [[Double]] {
        let n = graph.count
        let adjacency = NormalizedAdjacency(graph)
        var matrix = Matrix<Double>(rows: n, cols: n)
        for i in 0..<n {
            let (columns, weights) = graph.row(i)
            for (j, w) in zip(columns, weights) {
                matrix[i, Int(j)] = adjacency.scale[i] * Double(w) * adjacency.scale[Int(j)]
            }
        }
        let decomposition = try matrix.symmetricEigen()
        // Descending eigenvalues of M are ascending ones of L; the first is the trivial one.
        return (1...count).map { column in (0..<n).map { decomposition.vectors[$0, column] } }
    }

    /// By thick-restart Lanczos on `M`, deflated of its trivial eigenvector.
    public static func lanczos(_ graph: SparseGraph, count: Int, seed: UInt64) throws -> [[Double]] {
        let adjacency = NormalizedAdjacency(graph)
        var basis = KrylovBasis(adjacency: adjacency, capacity: min(basisCapacity, graph.count - 1), seed: seed)
        let kept = min(count + 8, basis.capacity - 2)
        for restart in 0..<maximumRestarts {
            let exhausted = basis.expand()
            let (values, vectors) = try basis.ritzPairs(count: exhausted ? count : kept)
            let residuals = (0..<count).map { adjacency.residual(vectors[$0], value: values[$0]) }
            if exhausted || restart == maximumRestarts - 1 || residuals.allSatisfy({ $0 <= tolerance }) {
                return Array(vectors.prefix(count))
            }
            basis.restart(from: vectors, values: values)
        }
        preconditionFailure("the last restart returns")
    }
}

/// `M = D^{−½} W D^{−½}` restricted to the complement of its top eigenvector `√deg`.
struct NormalizedAdjacency {
    let graph: SparseGraph
    /// `1 / √deg_i`.
    let scale: [Double]
    /// `√deg / ‖√deg‖`.
    let trivial: [Double]

    init(_ graph: SparseGraph) {
        self.graph = graph
        let degrees = (0..<graph.count).map { graph.row($0).weights.reduce(0.0) { $0 + Double($1) } }
        scale = degrees.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
        let roots = degrees.map { $0.squareRoot() }
        let norm = roots.reduce(0) { $0 + $1 * $1 }.squareRoot()
        trivial = roots.map { $0 / norm }
    }

    var count: Int { graph.count }

    /// `M x` with the trivial direction removed.
    func apply(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        for i in 0..<graph.count {
            let (columns, weights) = graph.row(i)
            var sum = 0.0
            for (j, w) in zip(columns, weights) { sum += Double(w) * scale[Int(j)] * x[Int(j)] }
            y[i] = scale[i] * sum
        }
        deflate(y)
    }

    /// Removes the trivial direction from `x`.
    func deflate(_ x: UnsafeMutablePointer<Double>) {
        var projection = 0.0
        for i in 0..<graph.count { projection += trivial[i] * x[i] }
        for i in 0..<graph.count { x[i] -= projection * trivial[i] }
    }

    /// `‖M y − θ y‖`.
    func residual(_ y: [Double], value: Double) -> Double {
        var image = [Double](repeating: 0, count: count)
        y.withUnsafeBufferPointer { x in image.withUnsafeMutableBufferPointer { apply(x.baseAddress!, into: $0.baseAddress!) } }
        return zip(image, y).reduce(0.0) { $0 + ($1.0 - value * $1.1) * ($1.0 - value * $1.1) }.squareRoot()
    }
}
