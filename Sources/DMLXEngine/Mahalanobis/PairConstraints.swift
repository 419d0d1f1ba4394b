import DMLXCore

/// Similar and dissimilar pairs drawn from labels, as metric-learn's
/// `Constraints.positive_negative_pairs`: each draw takes a uniform anchor, then a
/// uniform partner of the same label (not the anchor itself) for a positive pair or of
/// another label for a negative pair; repeated ordered pairs are dropped and up to 10
/// rounds of draws top the list up to `count`. The supervised learners' default count is
/// `20·C²` for C classes (`defaultCount`).
///
/// Two samplers draw them from a seed: dmlx's own (`.dmlx`, `SeededGenerator`, pairs in
/// the order first drawn) and metric-learn 0.7.0's exact draw for `random_state = seed`
/// (`.metricLearn`, see `metricLearnPairs`), so that learners
/// that use constraints can be compared with metric-learn on identical ones.
public struct PairConstraints: Sendable, Equatable {
    public enum Sampler: Sendable, Equatable { case dmlx, metricLearn }

    public let positive: [(Int, Int)]
    public let negative: [(Int, Int)]

    public static func defaultCount(labels: [Int]) -> Int { 20 * Set(labels).count * Set(labels).count }

    /// `count` pairs of each kind (nil: `defaultCount`), drawn from `seed` by `sampler`;
    /// `.metricLearn` needs `seed < 2³²`, NumPy's range for an integer `random_state`.
    public init(labels: [Int], count: Int?, seed: UInt64, sampler: Sampler = .dmlx) {
        let count = count ?? Self.defaultCount(labels: labels)
        switch sampler {
        case .dmlx:
            var generator = SeededGenerator(seed: seed)
            let partners = Self.partners(labels: labels)
            positive = Self.draw(count: count, labels: labels, generator: &generator, partners: partners.same)
            negative = Self.draw(count: count, labels: labels, generator: &generator, partners: partners.other)
        case .metricLearn:
            (positive, negative) = Self.metricLearnPairs(labels: labels, count: count, randomState: UInt32(seed))
        }
    }

    public static func == (lhs: PairConstraints, rhs: PairConstraints) -> Bool {
        lhs.positive.elementsEqual(rhs.positive, by: ==) && lhs.negative.elementsEqual(rhs.negative, by: ==)
    }

    /// The partners a positive (`same`) or negative (`other`) pair may give an anchor, in
    /// increasing index order (as NumPy's `where(mask)`).
    static func partners(labels: [Int]) -> (same: (Int) -> [Int], other: (Int) -> [Int]) {
        let members = Dictionary(grouping: labels.indices, by: { labels[$0] })
        return ({ anchor in members[labels[anchor]]!.filter { $0 != anchor } },
                { anchor in labels.indices.filter { labels[$0] != labels[anchor] } })
    }

    private static func draw(count: Int, labels: [Int], generator: inout SeededGenerator,
                             partners: (Int) -> [Int]) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        var seen = Set<Int>()
        var candidates: [Int: [Int]] = [:]
        for _ in 0..<10 where pairs.count < count {
            for _ in 0..<(count - pairs.count) {
                let anchor = generator.nextIndex(below: labels.count)
                let choices = candidates[anchor] ?? partners(anchor)
                candidates[anchor] = choices
                guard !choices.isEmpty else { continue }
                let partner = choices[generator.nextIndex(below: choices.count)]
                if seen.insert(anchor * labels.count + partner).inserted { pairs.append((anchor, partner)) }
            }
        }
        return pairs
    }
}
