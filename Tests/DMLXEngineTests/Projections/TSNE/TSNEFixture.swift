import DMLXCore
import DMLXEngine
import Foundation

/// A case of Fixtures/maps/tsne.json (Scripts/reference/tsne_fixtures.py): an
/// embedding, a perplexity, and openTSNE 1.0.4's joint P on its exact k-NN graph and
/// FFT gradient at a spread layout.
struct TSNEFixture: Decodable {
    let name: String
    let embedding: [[Float]]
    let perplexity: Double
    /// Sorted (row, column, p_ij) triples.
    let affinities: [[Double]]
    let layout: [[Double]]
    let gradient: [[Double]]

    static let all: [TSNEFixture] = {
        struct File: Decodable { let cases: [TSNEFixture] }
        let url = Bundle.module.url(forResource: "tsne", withExtension: "json", subdirectory: "Fixtures/maps")!
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }()

    static func named(_ name: String) -> TSNEFixture { all.first { $0.name == name }! }

    /// openTSNE's P as a graph.
    var openTSNEAffinities: SparseGraph {
        let n = embedding.count
        var offsets = [Int](repeating: 0, count: n + 1)
        for entry in affinities { offsets[Int(entry[0]) + 1] += 1 }
        for row in 0..<n { offsets[row + 1] += offsets[row] }
        return SparseGraph(count: n, offsets: offsets, columns: affinities.map { Int32($0[1]) }, weights: affinities.map { Float($0[2]) })
    }

    /// dmlx's exact k-NN lists of the embedding, as many as t-SNE asks for, with exact
    /// distances as the map pipeline has them.
    var neighbors: NeighborLists {
        let points = Matrix(embedding)
        let k = Int(3 * perplexity)
        return NearestNeighbors.search(queries: points, references: points, k: k + NeighborLists.searchMargin(for: k),
                                       excludeSelf: true).withExactDistances(queries: points, references: points, keeping: k)
    }
}
