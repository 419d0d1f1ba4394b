import DMLXCore

/// Similar and dissimilar pairs drawn from labels, as metric-learn's
/// `Constraints.positive_negative_pairs`: each draw takes a uniform anchor, then a
/// uniform partner of the same label (not the anchor itself) for a positive pair or of
/// another label for a negative pair; repeated ordered pairs are dropped and up to 10
/// rounds of draws top the list up to `count`. The supervised learners' default count is
/// `20·C²` for C classes (`defaultCount`).
public struct PairConstraints: Sendable, Equatable {
    public let positive: [(Int, Int)]
    public let negative: [(Int, Int)]

    public static func defaultCount(labels: [Int]) -> Int { 20 * Set(labels).count * Set(labels).count }

    /// `count` pairs of each kind (nil: `defaultCount`), drawn from `seed`.
    public init(labels: [Int], count: Int?, seed: UInt64) {
        let count = count ?? Self.defaultCount(labels: labels)
        var generator = SeededGenerator(seed: seed)
        let members = Dictionary(grouping: labels.indices, by: { labels[$0] })
        positive = Self.draw(count: count, labels: labels, generator: &generator) { anchor in
            members[labels[anchor]]!.filter { $0 != anchor }
        }
        negative = Self.draw(count: count, labels: labels, generator: &generator) { anchor in
            labels.indices.filter { labels[$0] != labels[anchor] }
        }
    }

    public static func == (lhs: PairConstraints, rhs: PairConstraints) -> Bool {
        lhs.positive.elementsEqual(rhs.positive, by: ==) && lhs.negative.elementsEqual(rhs.negative, by: ==)
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
