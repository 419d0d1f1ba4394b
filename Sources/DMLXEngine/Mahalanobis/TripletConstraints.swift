import DMLXCore

/// Relative comparisons "x_anchor is closer to x_near than to x_far" drawn from labels,
/// in the manner of `PairConstraints`: each draw takes a uniform anchor, a uniform
/// partner of the same label (not the anchor itself) and a uniform sample of another
/// label; repeated triplets are dropped and up to 10 rounds of draws top the list up to
/// `count`. The default count is `20·C²` for C classes, as many triplets as ITML and MMC
/// draw pairs of each kind, so the constraint-based learners see comparable amounts of
/// supervision (2,000 on digits; that many already fix a 64×64 metric well, and each
/// iteration costs O(count·d²)).
public struct TripletConstraints: Sendable {
    public let triplets: [(anchor: Int, near: Int, far: Int)]

    public static func defaultCount(labels: [Int]) -> Int { PairConstraints.defaultCount(labels: labels) }

    /// `count` triplets (nil: `defaultCount`), drawn from `seed`. Every class needs two
    /// samples, or anchors of a singleton class are skipped.
    public init(labels: [Int], count: Int?, seed: UInt64) {
        let count = count ?? Self.defaultCount(labels: labels)
        var generator = SeededGenerator(seed: seed)
        let members = Dictionary(grouping: labels.indices, by: { labels[$0] })
        let others = Dictionary(uniqueKeysWithValues: members.keys.map { label in
            (label, labels.indices.filter { labels[$0] != label })
        })
        let n = labels.count
        var triplets: [(anchor: Int, near: Int, far: Int)] = []
        var seen = Set<Int>()
        for _ in 0..<10 where triplets.count < count {
            for _ in 0..<(count - triplets.count) {
                let anchor = generator.nextIndex(below: n)
                let mates = members[labels[anchor]]!
                let strangers = others[labels[anchor]]!
                guard mates.count > 1, !strangers.isEmpty else { continue }
                // A draw among the mates with the anchor left out: skip over its position.
                var position = generator.nextIndex(below: mates.count - 1)
                if mates[position] >= anchor { position += 1 }
                let (near, far) = (mates[position], strangers[generator.nextIndex(below: strangers.count)])
                if seen.insert((anchor * n + near) * n + far).inserted { triplets.append((anchor, near, far)) }
            }
        }
        self.triplets = triplets
    }
}
