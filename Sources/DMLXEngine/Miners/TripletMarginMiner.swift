import DMLXCore

/// The triplets of the batch selected by their margin m(a,p,n) = d(a,n) − d(a,p), as
/// pytorch-metric-learning's `TripletMarginMiner` (margin 0.2, `LpDistance` on normalised
/// embeddings, as PML):
///
/// - all: m ≤ margin (every triplet that still violates the margin);
/// - hard: m ≤ 0 (the negative is at least as close as the positive);
/// - semihard: 0 < m ≤ margin (FaceNet's semi-hard negatives, Schroff et al. 2015);
/// - easy: m > margin (the triplets "all" leaves out).
public struct TripletMarginMiner: Miner {
    public enum TripletType: String, Sendable, CaseIterable {
        case all, hard, semihard, easy
    }

    public let margin: Double
    public let type: TripletType
    public let distance: any Distance

    public init(margin: Double = 0.2, type: TripletType = .all, distance: any Distance = LpDistance()) {
        self.margin = margin
        self.type = type
        self.distance = distance
    }

    /// The registry name: the type, except "margin-hard" for hard triplets, because the
    /// command line's "hard" is batch-hard mining.
    public var name: String { type == .hard ? "margin-hard" : type.rawValue }

    public func mine(embeddings: Matrix<Double>, labels: [Int], generator: inout SeededGenerator) -> (MinedTuples, [String: Double]) {
        let matrix = distance.matrix(embeddings)
        let triplets = MinedTuples.allTriplets(labels: labels).filter { a, p, n in
            selects(distance.margin(matrix[a, n], matrix[a, p]))
        }
        let tuples = MinedTuples.triplets(triplets)
        return (tuples, MiningStatistics.of(tuples, matrix: matrix))
    }

    private func selects(_ tripletMargin: Double) -> Bool {
        switch type {
        case .all: return tripletMargin <= margin
        case .hard: return tripletMargin <= 0
        case .semihard: return tripletMargin > 0 && tripletMargin <= margin
        case .easy: return tripletMargin > margin
        }
    }
}
