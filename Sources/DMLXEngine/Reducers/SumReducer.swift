/// The sum of all terms (PML's `SumReducer`).
public struct SumReducer: Reducer {
    public init() {}

    public func reduce(_ terms: [Double]) -> Reduction {
        Reduction.weighted(terms, weight: 1) { _ in true }
    }
}
