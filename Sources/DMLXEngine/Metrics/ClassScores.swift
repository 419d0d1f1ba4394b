/// One class's retrieval scores, leave-one-out, as pytorch-metric-learning 2.9's
/// `AccuracyCalculator(return_per_class=True)` computes them: each is the mean, over the
/// class's queries, of the per-query value that `RetrievalScores` averages over all
/// queries (precision@1, R-precision, AP@R with R = the class's size − 1). A class with a
/// single sample (R = 0) cannot be answered: PML leaves it out of its per-class lists;
/// here it keeps its count and its scores are NaN (null in JSON).
public struct ClassScores: Sendable, Equatable {
    public var label: Int
    /// The class's samples, each of them a query.
    public var count: Int
    public var precisionAt1: Double
    public var rPrecision: Double
    public var mapAtR: Double
    /// Every other class found among the class's queries' R nearest neighbours, the most
    /// retrieved first (ties to the smaller label).
    public var confusions: [ClassConfusion]

    public init(label: Int, count: Int, precisionAt1: Double, rPrecision: Double, mapAtR: Double,
                confusions: [ClassConfusion]) {
        self.label = label
        self.count = count
        self.precisionAt1 = precisionAt1
        self.rPrecision = rPrecision
        self.mapAtR = mapAtR
        self.confusions = confusions
    }

    /// Whether the class has no other member, so no query of it can be answered.
    public var isLone: Bool { count < 2 }
}
