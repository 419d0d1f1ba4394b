import Testing
import DMLXCore
import DMLXEngine

@Suite struct GraphSpectrumTests {
    /// The fuzzy graph of 1,000 points in 8 Gaussian clusters of 10 dimensions: connected
    /// (the clusters overlap a little) with 7 eigenvalues of M close to 1, the hard case
    /// for Lanczos.
    static let clustered: SparseGraph = {
        var generator = SeededGenerator(seed: 11)
        let centres = (0..<80).map { _ in 1.2 * Float(generator.nextGaussian()) }
        var points = Matrix<Float>(rows: 1000, cols: 10)
        for r in 0..<1000 {
            for c in 0..<10 { points[r, c] = centres[(r % 8) * 10 + c] + Float(generator.nextGaussian()) }
        }
        let lists = NearestNeighbors.search(queries: points, references: points, k: 14, excludeSelf: true)
        return try! FuzzySimplicialSet.graph(neighbors: lists, neighborCount: 15)
    }()

    @Test func lanczosFindsTheDenseSolversEigenvectors() throws {
        #expect(Self.clustered.connectedComponents().count == 1)
        let dense = try GraphSpectrum.dense(Self.clustered, count: 2)
        let lanczos = try GraphSpectrum.lanczos(Self.clustered, count: 2, seed: 3)
        for (d, l) in zip(dense, lanczos) {
            let cosine = abs(zip(d, l).reduce(0.0) { $0 + $1.0 * $1.1 })
            #expect(cosine > 1 - 1e-6, "|cos| \(cosine) between the dense and the Lanczos eigenvector")
        }
    }

    /// Each vector is a unit eigenvector of `D^{-1/2} W D^{-1/2}` orthogonal to `√deg`,
    /// checked with a plain loop over the graph.
    @Test func theVectorsSatisfyTheEigenEquation() throws {
        let graph = Self.clustered
        let degrees = (0..<graph.count).map { graph.row($0).weights.reduce(0.0) { $0 + Double($1) } }
        for vector in try GraphSpectrum.lanczos(graph, count: 2, seed: 0) {
            var image = [Double](repeating: 0, count: graph.count)
            for i in 0..<graph.count {
                for (j, w) in zip(graph.row(i).columns, graph.row(i).weights) {
                    image[i] += Double(w) / (degrees[i] * degrees[Int(j)]).squareRoot() * vector[Int(j)]
                }
            }
            let value = zip(image, vector).reduce(0.0) { $0 + $1.0 * $1.1 }
            let residual = zip(image, vector).reduce(0.0) { $0 + ($1.0 - value * $1.1) * ($1.0 - value * $1.1) }.squareRoot()
            #expect(residual < GraphSpectrum.tolerance && value > 0.9 && value < 1)
            #expect(abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-9)
            #expect(abs(zip(vector, degrees).reduce(0.0) { $0 + $1.0 * $1.1.squareRoot() }) < 1e-6)
        }
    }

    @Test func componentsAndSubgraphs() {
        // Two triangles and a lone vertex.
        let graph = SparseGraph(count: 7, offsets: [0, 2, 4, 6, 6, 8, 10, 12],
                                columns: [1, 2, 0, 2, 0, 1, 5, 6, 4, 6, 4, 5], weights: [Float](repeating: 0.5, count: 12))
        let (labels, count) = graph.connectedComponents()
        #expect(count == 3 && labels == [0, 0, 0, 1, 2, 2, 2])
        let second = graph.subgraph([4, 5, 6])
        #expect(second.offsets == [0, 2, 4, 6] && second.columns == [1, 2, 0, 2, 0, 1])
    }
}
