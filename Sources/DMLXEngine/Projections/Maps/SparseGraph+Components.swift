extension SparseGraph {
    /// The connected components: each vertex's component number, numbered from 0 in
    /// order of each component's smallest vertex, and how many there are. Union–find
    /// over the stored edges, O(edges · α(n)).
    public func connectedComponents() -> (labels: [Int], count: Int) {
        var parent = Array(0..<count)
        func root(_ v: Int) -> Int {
            var v = v
            while parent[v] != v {
                parent[v] = parent[parent[v]]
                v = parent[v]
            }
            return v
        }
        for i in 0..<count {
            for j in row(i).columns {
                let (a, b) = (root(i), root(Int(j)))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var numbers = [Int: Int]()
        let labels = (0..<count).map { vertex in
            let r = root(vertex)
            if let number = numbers[r] { return number }
            numbers[r] = numbers.count
            return numbers.count - 1
        }
        return (labels, numbers.count)
    }

    /// The graph induced by `vertices` (ascending), renumbered `0..<vertices.count` in
    /// their order.
    public func subgraph(_ vertices: [Int]) -> SparseGraph {
        var position = [Int: Int32]()
        for (index, vertex) in vertices.enumerated() { position[vertex] = Int32(index) }
        var offsets = [0]
        var columns: [Int32] = []
        var weights: [Float] = []
        for vertex in vertices {
            let (neighbors, edgeWeights) = row(vertex)
            for (j, w) in zip(neighbors, edgeWeights) {
                if let renumbered = position[Int(j)] {
                    columns.append(renumbered)
                    weights.append(w)
                }
            }
            offsets.append(columns.count)
        }
        return SparseGraph(count: vertices.count, offsets: offsets, columns: columns, weights: weights)
    }
}
