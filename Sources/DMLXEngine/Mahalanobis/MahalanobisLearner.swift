import DMLXCore

/// A classic (linear) metric learner: from labelled features it learns a Mahalanobis
/// metric `M = LᵀL ⪰ 0`, `d_M(x, y)² = (x − y)ᵀM(x − y) = ‖Lx − Ly‖²`, and returns `L`
/// so that the embedding `x ↦ Lx` is what the rest of dmlx evaluates and shows.
///
/// Contract: `fit` is deterministic for a given learner value (randomised learners take
/// their seed at construction), calls `progress` once per iteration of its outer loop on
/// the caller's thread, and throws on input it cannot fit (fewer than two classes, a
/// class too small for the method, non-finite features). An error thrown by `progress`
/// ends the fit and is rethrown: that is how a run stops a fit midway.
public protocol MahalanobisLearner: Sendable {
    /// The name a user types (`nca`, `lmnn`, `itml`, `mmc`).
    var name: String { get }

    func fit(features: Matrix<Float>, labels: [Int],
             progress: (MahalanobisIteration) throws -> Void) throws -> LearnedMetric
}

extension MahalanobisLearner {
    public func fit(features: Matrix<Float>, labels: [Int]) throws -> LearnedMetric {
        try fit(features: features, labels: labels, progress: { _ in })
    }
}
