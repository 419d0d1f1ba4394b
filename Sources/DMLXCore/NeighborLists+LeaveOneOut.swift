extension NeighborLists {
    /// Lists of `k − 1` neighbours without the query itself, from lists searched one
    /// deeper against a set that contains the queries (query `row` is point
    /// `points[row]`): the query's own entry is dropped wherever it stands, or the last
    /// entry when the search did not return it (among duplicates at distance 0 it may
    /// have ranked past the end).
    public func droppingSelf(points: some Collection<Int>) -> NeighborLists {
        precondition(points.count == count && k > 0, "one point per list and at least one neighbour")
        var indices = [Int32]()
        var distances = [Float]()
        indices.reserveCapacity(count * (k - 1))
        distances.reserveCapacity(count * (k - 1))
        for (row, point) in points.enumerated() {
            let listed = neighbors(of: row)
            let skipped = listed.firstIndex(of: Int32(point)) ?? listed.endIndex - 1
            for place in listed.indices where place != skipped {
                indices.append(self.indices[place])
                distances.append(self.distances[place])
            }
        }
        return NeighborLists(count: count, k: k - 1, indices: indices, distances: distances)
    }
}
