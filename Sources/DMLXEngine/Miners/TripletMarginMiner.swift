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
        let groups = LabelGroups(labels)
        let (lower, upper) = selectedMargins
        let closenessSign = distance.closenessSign
        var triplets = [(Int, Int, Int)]()
        for a in labels.indices {
            // m(a,p,n) = distance.margin(d(a,n), d(a,p)) = c(a,p) − c(a,n) with closeness
            // c = closenessSign · d; a's negatives are copied into a contiguous array
            // because this loop visits every triplet of the batch (3·10⁵ for 128 rows).
            let negatives = groups.otherLabel[a]
            let negativeCloseness = negatives.map { closenessSign * matrix[a, $0] }
            for p in groups.sameLabel[a] where p != a {
                let positiveCloseness = closenessSign * matrix[a, p]
                for k in negatives.indices {
                    let tripletMargin = positiveCloseness - negativeCloseness[k]
                    if tripletMargin > lower && tripletMargin <= upper { triplets.append((a, p, negatives[k])) }
                }
            }
        }
        let tuples = MinedTuples.triplets(triplets)
        return (tuples, MiningStatistics.of(tuples, matrix: matrix))
    }

    /// The selected triplets are those with lower < m ≤ upper.
    private var selectedMargins: (lower: Double, upper: Double) {
        switch type {
        case .all: return (-.infinity, margin)
        case .hard: return (-.infinity, 0)
        case .semihard: return (0, margin)
        case .easy: return (margin, .infinity)
        }
    }
}
