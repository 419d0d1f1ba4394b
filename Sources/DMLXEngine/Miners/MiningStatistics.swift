import DMLXCore

/// The statistics every miner reports: "mined" (tuples returned) and the mean matrix
/// entry of the positive and of the negative pairs they contain (a triplet (a, p, n)
/// contains (a, p) and (a, n), as in `MinedTuples.pairs`).
enum MiningStatistics {
    static func of(_ tuples: MinedTuples, matrix: Matrix<Double>) -> [String: Double] {
        func mean<Pairs: Collection<(Int, Int)>>(_ pairs: Pairs) -> Double {
            pairs.isEmpty ? 0 : pairs.reduce(0) { $0 + matrix[$1.0, $1.1] } / Double(pairs.count)
        }
        let (positive, negative): (Double, Double) = switch tuples {
        case let .pairs(positive, negative): (mean(positive), mean(negative))
        // Lazy views: a semihard batch mines 10⁴–10⁵ triplets, not worth copying into pairs.
        case let .triplets(triplets): (mean(triplets.lazy.map { ($0.0, $0.1) }), mean(triplets.lazy.map { ($0.0, $0.2) }))
        }
        return ["mined": Double(tuples.count), "mean_positive_distance": positive, "mean_negative_distance": negative]
    }
}
