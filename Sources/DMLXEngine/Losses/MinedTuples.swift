/// Index tuples chosen by a miner, indices into the batch.
public enum MinedTuples: Sendable, Equatable {
    /// Positive pairs (anchor, positive) and negative pairs (anchor, negative).
    case pairs(positive: [(Int, Int)], negative: [(Int, Int)])
    /// Triplets (anchor, positive, negative).
    case triplets([(Int, Int, Int)])

    public static func == (a: MinedTuples, b: MinedTuples) -> Bool {
        switch (a, b) {
        case let (.pairs(p1, n1), .pairs(p2, n2)):
            return p1.elementsEqual(p2, by: ==) && n1.elementsEqual(n2, by: ==)
        case let (.triplets(t1), .triplets(t2)):
            return t1.elementsEqual(t2, by: ==)
        default:
            return false
        }
    }
}
