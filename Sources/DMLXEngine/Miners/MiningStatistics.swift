import DMLXCore

/// The statistics every miner reports: "mined" (tuples returned) and the mean matrix
/// entry of the positive and of the negative pairs they contain.
enum MiningStatistics {
    static func of(_ tuples: MinedTuples, matrix: Matrix<Double>) -> [String: Double] {
        let (positive, negative) = tuples.pairs
        func mean(_ pairs: [(Int, Int)]) -> Double {
            pairs.isEmpty ? 0 : pairs.reduce(0) { $0 + matrix[$1.0, $1.1] } / Double(pairs.count)
        }
        return ["mined": Double(tuples.count),
                "mean_positive_distance": mean(positive),
                "mean_negative_distance": mean(negative)]
    }
}
