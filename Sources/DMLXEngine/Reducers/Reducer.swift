/// Turns per-term losses into the scalar loss, as pytorch-metric-learning's reducers.
///
/// The value is linear in the terms once the set of counted terms is fixed, so a
/// reduction is a value plus one weight per term (∂value/∂term); losses chain their
/// per-term derivatives through these weights.
public protocol Reducer: Sendable {
    /// The reduced value of `terms` and ∂value/∂term for each. No terms reduce to 0.
    func reduce(_ terms: [Double]) -> Reduction
}
