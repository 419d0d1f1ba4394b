/// A reduced loss: `value = Σ weights[i] · terms[i]`.
public struct Reduction: Sendable, Equatable {
    public var value: Double
    /// ∂value/∂terms[i], one per term.
    public var weights: [Double]

    public init(value: Double, weights: [Double]) {
        self.value = value
        self.weights = weights
    }

    /// The reduction with every term weighted by `weight` where `counted` holds.
    static func weighted(_ terms: [Double], weight: Double, counted: (Double) -> Bool) -> Reduction {
        let weights = terms.map { counted($0) ? weight : 0 }
        return Reduction(value: zip(weights, terms).reduce(0) { $0 + $1.0 * $1.1 }, weights: weights)
    }
}
