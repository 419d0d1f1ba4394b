import DMLXCore

/// Why a `MahalanobisLearner` cannot fit the given data, or a saved metric cannot be restored.
public enum MahalanobisError: Error, Equatable, CustomStringConvertible {
    case labelCount(samples: Int, labels: Int)
    case tooFewClasses(Int)
    case classTooSmall(label: Int, size: Int, needed: Int)
    case nonFiniteFeatures
    /// Saved kernel PCA tensors that cannot make a `KernelPCAMap`.
    case kernelTensors(String)

    public var description: String {
        switch self {
        case let .labelCount(samples, labels): "\(samples) samples but \(labels) labels"
        case let .tooFewClasses(count): "metric learning needs at least 2 classes, found \(count)"
        case let .classTooSmall(label, size, needed): "class \(label) has \(size) samples, the method needs \(needed)"
        case .nonFiniteFeatures: "features contain NaN or infinity"
        case let .kernelTensors(problem): "kernel PCA tensors: \(problem)"
        }
    }

    /// Checks the input every learner needs: one label per sample, finite features, at
    /// least two classes, and each class at least `minimumClassSize` samples.
    static func validate(features: Matrix<Float>, labels: [Int], minimumClassSize: Int = 1) throws(MahalanobisError) {
        guard features.rows == labels.count else { throw .labelCount(samples: features.rows, labels: labels.count) }
        guard features.isFinite else { throw .nonFiniteFeatures }
        let sizes = Dictionary(grouping: labels, by: { $0 }).mapValues(\.count)
        guard sizes.count >= 2 else { throw .tooFewClasses(sizes.count) }
        if let (label, size) = sizes.sorted(by: { $0.key < $1.key }).first(where: { $0.value < minimumClassSize }) {
            throw .classTooSmall(label: label, size: size, needed: minimumClassSize)
        }
    }
}
