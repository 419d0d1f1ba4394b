import DMLXCore

/// Splits the training set into the batches of one epoch.
///
/// With `mPerClass ≥ 2` it is pytorch-metric-learning's `MPerClassSampler`: every batch
/// holds `batchSize / mPerClass` classes drawn without replacement and `mPerClass` samples
/// of each (drawn without replacement, or with it when a class is smaller), so every
/// anchor has positives and negatives. When there are fewer classes than a batch needs
/// (zero-shot digits trains on 5 classes; a batch of 64 at m = 8 wants 8), every batch
/// takes all classes and shares its slots among them as evenly as possible, the
/// remainder going to classes drawn at random. With `mPerClass < 2` batches are plain
/// shuffled slices. An epoch has ⌊n / batchSize⌋ batches (at least one).
public struct BatchSampler: Sendable {
    public let batchSize: Int
    public let mPerClass: Int
    private let labels: [Int]
    private let members: [[Int]]

    public init(labels: [Int], batchSize: Int, mPerClass: Int) {
        precondition(batchSize >= 1, "batch size must be positive")
        self.labels = labels
        self.batchSize = batchSize
        self.mPerClass = mPerClass
        let byClass = Dictionary(grouping: labels.indices, by: { labels[$0] })
        members = byClass.keys.sorted().map { byClass[$0]! }
    }

    public var batchesPerEpoch: Int { max(1, labels.count / batchSize) }

    /// The batches of one epoch, as indices into the training set.
    public func epoch(generator: inout SeededGenerator) -> [[Int]] {
        if mPerClass < 2 || members.count < 2 {
            let order = labels.indices.shuffled(using: &generator)
            return (0..<batchesPerEpoch).map { b in
                Array(order[(b * batchSize)..<min(order.count, (b + 1) * batchSize)])
            }
        }
        return (0..<batchesPerEpoch).map { _ in classBalancedBatch(generator: &generator) }
    }

    private func classBalancedBatch(generator: inout SeededGenerator) -> [Int] {
        let wanted = max(1, batchSize / mPerClass)
        var quotas: [(classIndex: Int, count: Int)]
        if wanted <= members.count {
            let chosen = members.indices.shuffled(using: &generator).prefix(wanted)
            quotas = chosen.map { ($0, mPerClass) }
        } else {
            let share = batchSize / members.count
            let extra = Set(members.indices.shuffled(using: &generator).prefix(batchSize % members.count))
            quotas = members.indices.map { ($0, share + (extra.contains($0) ? 1 : 0)) }
        }
        return quotas.flatMap { draw($0.count, from: members[$0.classIndex], generator: &generator) }
    }

    /// `count` members, without replacement when the class is large enough (Floyd's
    /// algorithm: O(count) however large the class, which matters for Fashion-MNIST's
    /// 6000-sample classes).
    private func draw(_ count: Int, from pool: [Int], generator: inout SeededGenerator) -> [Int] {
        guard pool.count >= count else {
            return (0..<count).map { _ in pool[Int(generator.next() % UInt64(pool.count))] }
        }
        var chosen = Set<Int>()
        var order = [Int]()
        for upper in (pool.count - count)..<pool.count {
            let candidate = Int(generator.next() % UInt64(upper + 1))
            let pick = chosen.contains(candidate) ? upper : candidate
            chosen.insert(pick)
            order.append(pool[pick])
        }
        return order
    }
}
