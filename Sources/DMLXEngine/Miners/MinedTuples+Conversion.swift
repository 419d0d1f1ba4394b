extension MinedTuples {
    /// Every ordered pair of distinct same-label indices, and every ordered pair of
    /// different-label indices, in row-major order (PML's `get_all_pairs_indices`).
    public static func allPairs(labels: [Int]) -> (positive: [(Int, Int)], negative: [(Int, Int)]) {
        var positive = [(Int, Int)](), negative = [(Int, Int)]()
        for a in labels.indices {
            for b in labels.indices where a != b {
                if labels[a] == labels[b] { positive.append((a, b)) } else { negative.append((a, b)) }
            }
        }
        return (positive, negative)
    }

    /// Every valid triplet (a, p, n): p ≠ a with a's label, n with another label, in
    /// lexicographic order (PML's `get_all_triplets_indices`).
    public static func allTriplets(labels: [Int]) -> [(Int, Int, Int)] {
        let groups = LabelGroups(labels)
        var triplets = [(Int, Int, Int)]()
        for a in labels.indices {
            for p in groups.sameLabel[a] where p != a {
                for n in groups.otherLabel[a] { triplets.append((a, p, n)) }
            }
        }
        return triplets
    }

    /// The tuples as pairs; a triplet (a, p, n) gives (a, p) and (a, n), duplicates kept
    /// (PML's `convert_to_pairs`).
    public var pairs: (positive: [(Int, Int)], negative: [(Int, Int)]) {
        switch self {
        case let .pairs(positive, negative): return (positive, negative)
        case let .triplets(triplets): return (triplets.map { ($0.0, $0.1) }, triplets.map { ($0.0, $0.2) })
        }
    }

    /// The tuples as triplets; pairs are joined on their anchor, every positive pair with
    /// every negative pair sharing it (PML's `convert_to_triplets`).
    public var triplets: [(Int, Int, Int)] {
        switch self {
        case let .triplets(triplets):
            return triplets
        case let .pairs(positive, negative):
            let negativesByAnchor = Dictionary(grouping: negative, by: \.0)
            return positive.flatMap { anchor, positive in
                (negativesByAnchor[anchor] ?? []).map { (anchor, positive, $0.1) }
            }
        }
    }

    /// How many tuples there are (pairs of both kinds, or triplets).
    public var count: Int {
        switch self {
        case let .pairs(positive, negative): return positive.count + negative.count
        case let .triplets(triplets): return triplets.count
        }
    }

    /// Every index named by the tuples, with repetition.
    var allIndices: [Int] {
        switch self {
        case let .pairs(positive, negative): return (positive + negative).flatMap { [$0.0, $0.1] }
        case let .triplets(triplets): return triplets.flatMap { [$0.0, $0.1, $0.2] }
        }
    }
}
