/// The mean of all terms (PML's `MeanReducer`, the default of Proxy-NCA and
/// multi-similarity), 0 when there are none.
public struct MeanReducer: Reducer {
    public init() {}

    public func reduce(_ terms: [Double]) -> Reduction {
        Reduction.weighted(terms, weight: 1 / Double(max(terms.count, 1))) { _ in true }
    }
}
