import DMLXCore

/// What one loss evaluation produced.
public struct LossEvaluation: Sendable {
    /// The reduced loss.
    public var value: Double
    /// ∂value/∂embeddings, batch × dim.
    public var gradient: Matrix<Double>
    /// ∂value/∂parameter for each of the loss's parameters, in order (empty if none).
    public var parameterGradients: [Matrix<Double>]
    /// Counts for the UI and JSON: at least "tuples" (terms evaluated) and "active"
    /// (terms greater than zero, e.g. triplets still violating the margin).
    public var statistics: [String: Double]
    /// How close the inputs are to a point where the loss is not differentiable (a hinge
    /// at zero, a tie in a nearest-proxy choice), measured on the argument of that
    /// non-smooth function; `.infinity` when there is none. Gradient checks use it to
    /// pick inputs away from kinks.
    public var nearestKink: Double

    public init(value: Double, gradient: Matrix<Double>, parameterGradients: [Matrix<Double>] = [],
                statistics: [String: Double] = [:], nearestKink: Double = .infinity) {
        self.value = value
        self.gradient = gradient
        self.parameterGradients = parameterGradients
        self.statistics = statistics
        self.nearestKink = nearestKink
    }

    /// Statistics every loss reports for its per-tuple terms.
    public static func termStatistics(_ terms: [Double]) -> [String: Double] {
        ["tuples": Double(terms.count), "active": Double(terms.count { $0 > 0 })]
    }
}

extension LossEvaluation {
    /// The loss of a batch with no valid tuples: 0, with zero gradients.
    public static func zero(embeddings: Matrix<Double>, parameterValues: [Matrix<Double>] = []) -> LossEvaluation {
        LossEvaluation(value: 0, gradient: Matrix(rows: embeddings.rows, cols: embeddings.cols),
                       parameterGradients: parameterValues.map { Matrix(rows: $0.rows, cols: $0.cols) },
                       statistics: termStatistics([]))
    }
}
