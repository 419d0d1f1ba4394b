/// The mean over terms greater than zero, 0 when none is (PML's `AvgNonZeroReducer`,
/// the default of the contrastive and triplet losses).
///
/// Hinge losses have many terms that are exactly zero once satisfied; averaging over all
/// of them would shrink the gradient as training succeeds, so only active terms count.
public struct AvgNonZeroReducer: Reducer {
    public init() {}

    public func reduce(_ terms: [Double]) -> Reduction {
        let active = terms.count { $0 > 0 }
        return Reduction.weighted(terms, weight: 1 / Double(max(active, 1))) { $0 > 0 }
    }
}
