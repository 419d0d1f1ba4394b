import DMLXCore

/// scikit-learn's `trustworthiness` and the share of kept neighbours, written the O(n²)
/// way straight from the definitions (full Double distance rows, full sorts with ties to
/// the smaller index) and sharing no code with `MapTrust`, so that agreement means
/// something.
public enum NaiveTrust {
    /// `1 − 2 / (n k (2n − 3k − 1)) Σ_i Σ_{j ∈ map k-NN(i) \ embedding k-NN(i)} (rank_i(j) − k)`.
    public static func trustworthiness(embedding: Matrix<Float>, layout: Matrix<Float>, k: Int) -> Double {
        let n = embedding.rows
        var penalty = 0.0
        for i in 0..<n {
            let order = sortedOthers(of: i, in: embedding)
            var rank = [Int](repeating: 0, count: n)
            for (position, j) in order.enumerated() { rank[j] = position + 1 }
            for j in sortedOthers(of: i, in: layout).prefix(k) where rank[j] > k { penalty += Double(rank[j] - k) }
        }
        return 1 - penalty * 2 / (Double(n) * Double(k) * (2 * Double(n) - 3 * Double(k) - 1))
    }

    /// The mean over points of |embedding k-NN ∩ map k-NN| / k.
    public static func neighborsKept(embedding: Matrix<Float>, layout: Matrix<Float>, k: Int) -> Double {
        let n = embedding.rows
        let kept = (0..<n).reduce(0) { total, i in
            total + Set(sortedOthers(of: i, in: embedding).prefix(k)).intersection(sortedOthers(of: i, in: layout).prefix(k)).count
        }
        return Double(kept) / Double(n * k)
    }

    /// Every other point by distance from `i`, nearest first, ties to the smaller index.
    public static func sortedOthers(of i: Int, in points: Matrix<Float>) -> [Int] {
        let distances = (0..<points.rows).map { j in
            (0..<points.cols).reduce(0.0) { sum, c in
                let difference = Double(points[i, c]) - Double(points[j, c])
                return sum + difference * difference
            }
        }
        return (0..<points.rows).filter { $0 != i }.sorted { (distances[$0], $0) < (distances[$1], $1) }
    }
}
