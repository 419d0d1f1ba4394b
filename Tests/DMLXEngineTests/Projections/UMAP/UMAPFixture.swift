import DMLXCore
import DMLXEngine
import Foundation

/// Fixtures/maps/umap.json (Scripts/reference/umap_fixtures.py): umap-learn 0.5.12's
/// fuzzy graphs of exact k-NN lists and its fitted curves.
struct UMAPFixture: Decodable {
    struct Graph: Decodable {
        let name: String
        let embedding: [[Float]]
        let neighbors: Int
        /// Sorted (row, column, weight) triples.
        let graph: [[Double]]
        let sigmas: [Double]
        let rhos: [Double]

        /// dmlx's exact lists of the embedding, self excluded: `neighbors − 1` a point.
        var lists: NeighborLists {
            let points = Matrix(embedding)
            let k = neighbors - 1
            return NearestNeighbors.search(queries: points, references: points, k: k + NeighborLists.searchMargin(for: k),
                                           excludeSelf: true).withExactDistances(queries: points, references: points, keeping: k)
        }
    }

    struct Curve: Decodable {
        let spread: Double
        let minimumDistance: Double
        let a: Double
        let b: Double
    }

    let graphs: [Graph]
    let curves: [Curve]

    static let file: UMAPFixture = {
        let url = Bundle.module.url(forResource: "umap", withExtension: "json", subdirectory: "Fixtures/maps")!
        return try! JSONDecoder().decode(UMAPFixture.self, from: Data(contentsOf: url))
    }()

    static func graph(_ name: String) -> Graph { file.graphs.first { $0.name == name }! }
}
