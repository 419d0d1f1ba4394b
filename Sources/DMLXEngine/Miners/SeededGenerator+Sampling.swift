import DMLXCore

extension SeededGenerator {
    /// An index drawn with probability proportional to `weights` (non-negative, not all
    /// zero), by inverting the cumulative sum of one uniform draw. Written out rather than
    /// taken from the standard library so that the draw sequence is fixed by dmlx.
    mutating func nextIndex(weights: [Double]) -> Int {
        let target = nextUnit() * weights.reduce(0, +)
        var cumulative = 0.0
        for (index, weight) in weights.enumerated() where weight > 0 {
            cumulative += weight
            if target < cumulative { return index }
        }
        return weights.lastIndex { $0 > 0 }!
    }

    /// A uniform index in 0..<count.
    mutating func nextIndex(below count: Int) -> Int {
        min(Int(nextUnit() * Double(count)), count - 1)
    }
}
