import DMLXCore
import DMLXEngine

/// The nearest neighbours of one test point in the embedding space itself (not the 2-D
/// map), by exact Euclidean distance.
struct PointNeighbors {
    struct Neighbor: Equatable {
        var index: Int
        var distance: Float
    }

    /// The `k` nearest other points of point `index` among `embeddings`' rows.
    static func of(_ index: Int, in embeddings: Matrix<Float>, k: Int) -> [Neighbor] {
        guard embeddings.rows > 1, index >= 0, index < embeddings.rows else { return [] }
        let lists = NearestNeighbors.search(queries: embeddings.rows([index]), references: embeddings,
                                            k: k + 1, excludeSelf: false)
        return zip(lists.neighbors(of: 0), lists.distances(of: 0))
            .filter { Int($0.0) != index && $0.0 >= 0 }
            .prefix(k)
            .map { Neighbor(index: Int($0.0), distance: $0.1) }
    }
}
