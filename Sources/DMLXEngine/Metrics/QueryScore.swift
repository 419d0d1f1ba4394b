/// How well one query is answered, for listing a class's worst queries: its average
/// precision at R (the term MAP@R averages) and its nearest neighbour of another class.
public struct QueryScore: Sendable, Equatable {
    /// The query's index among the scored points.
    public var query: Int
    /// (1/R) Σ_{i ≤ R} P(i)·rel(i), as in `RetrievalScores`.
    public var averagePrecision: Double
    /// The index of the nearest neighbour whose class differs from the query's, among the
    /// neighbours searched (at least R); nil when every one of them shares the class.
    public var firstWrongNeighbor: Int?

    public init(query: Int, averagePrecision: Double, firstWrongNeighbor: Int?) {
        self.query = query
        self.averagePrecision = averagePrecision
        self.firstWrongNeighbor = firstWrongNeighbor
    }
}
