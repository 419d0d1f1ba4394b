extension SeededGenerator {
    /// `count` distinct indices of `0..<n`, drawn uniformly (the first `count` steps of a
    /// Fisher–Yates shuffle) and returned in increasing order. O(n) memory for the
    /// shuffle's array.
    public mutating func sampleIndices(_ count: Int, below n: Int) -> [Int] {
        precondition(count <= n, "cannot draw \(count) distinct indices below \(n)")
        var all = Array(0..<n)
        for i in 0..<count { all.swapAt(i, i + min(Int(nextUnit() * Double(n - i)), n - i - 1)) }
        return all.prefix(count).sorted()
    }
}
