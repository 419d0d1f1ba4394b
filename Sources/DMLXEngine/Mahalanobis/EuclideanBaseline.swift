import DMLXCore

/// The no-learning baseline `L = I` (plain Euclidean distance on the given features), so
/// a table of learned metrics always shows what learning added.
public struct EuclideanBaseline: MahalanobisLearner {
    public var name: String { "euclidean" }

    public init() {}

    public func fit(features: Matrix<Float>, labels: [Int],
                    progress: (MahalanobisIteration) throws -> Void) throws -> LearnedMetric {
        try MahalanobisError.validate(features: features, labels: labels)
        return LearnedMetric(components: Matrix<Float>.identity(features.cols), iterations: 0)
    }
}
