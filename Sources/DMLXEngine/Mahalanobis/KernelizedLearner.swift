import DMLXCore

/// A classic learner run in an RBF kernel PCA feature space (`KernelPCA`): kernel PCA is
/// fitted on the training features, the `base` learner on their kernel components, and
/// the result keeps the map (`LearnedMetric.kernel`), so `embed` takes raw features —
/// a non-linear metric `‖L(φ(x) − φ(y))‖²` from any linear learner, the kernel-PCA route
/// of Chatpatanasiri, Korsrilabutr, Tangchanachaianan & Kijsirikul ("A new kernelization
/// framework for Mahalanobis distance learning algorithms", Neurocomputing 2010).
/// Progress, iterations and errors are the base learner's. `name` is `kernel-<base>`.
public struct KernelizedLearner: MahalanobisLearner {
    public var base: any MahalanobisLearner
    public var kernelPCA: KernelPCA

    public init(base: any MahalanobisLearner, kernelPCA: KernelPCA = KernelPCA()) {
        self.base = base
        self.kernelPCA = kernelPCA
    }

    public var name: String { "kernel-" + base.name }

    public func fit(features: Matrix<Float>, labels: [Int],
                    progress: (MahalanobisIteration) throws -> Void) throws -> LearnedMetric {
        try MahalanobisError.validate(features: features, labels: labels)
        let map = try kernelPCA.fit(features)
        var metric = try base.fit(features: map.apply(features), labels: labels, progress: progress)
        precondition(metric.kernel == nil, "\(name): the base learner is kernelised already")
        metric.kernel = map
        return metric
    }
}
