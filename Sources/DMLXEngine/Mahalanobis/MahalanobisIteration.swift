/// What one iteration of a `MahalanobisLearner` reports: its index (from 1), the value of
/// the learner's objective after the iteration (its own sign convention, stated by each
/// learner), and, for constraint-based learners, how many constraints were active
/// (LMNN: impostor triplets inside the margin; ITML/MMC: pairs violating their bound;
/// Schultz–Joachims and FARM: triplets with a positive loss).
public struct MahalanobisIteration: Sendable, Equatable {
    public var index: Int
    public var objective: Double
    public var activeConstraints: Int?

    public init(index: Int, objective: Double, activeConstraints: Int? = nil) {
        self.index = index
        self.objective = objective
        self.activeConstraints = activeConstraints
    }
}
