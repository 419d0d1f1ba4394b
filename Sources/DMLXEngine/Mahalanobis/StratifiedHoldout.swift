import DMLXCore

/// A seeded stratified train/test split with a given test fraction, the protocol of the
/// classic-learner benchmark (70/30 with seed 0): for each class in ascending label order,
/// its sample indices are shuffled by one generator seeded with `seed` (the same
/// Fisher–Yates as `DataSplit`), and the first `round(testFraction · n_c)` are held out.
/// Both index lists are ascending, so each part keeps the source order.
public struct StratifiedHoldout: Sendable, Equatable {
    public let train: [Int]
    public let test: [Int]

    public init(labels: [Int], testFraction: Double, seed: UInt64) {
        precondition((0...1).contains(testFraction), "test fraction \(testFraction) outside 0...1")
        var generator = SeededGenerator(seed: seed)
        var held: [Int] = []
        for members in Dictionary(grouping: labels.indices, by: { labels[$0] }).sorted(by: { $0.key < $1.key }).map(\.value) {
            var shuffled = members
            DataSplit.shuffle(&shuffled, using: &generator)
            held += shuffled.prefix(Int((testFraction * Double(members.count)).rounded()))
        }
        let heldSet = Set(held)
        self.test = held.sorted()
        self.train = labels.indices.filter { !heldSet.contains($0) }
    }
}
