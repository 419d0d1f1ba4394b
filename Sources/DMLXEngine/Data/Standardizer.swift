import DMLXCore

/// Per-feature standardisation, x' = (x − mean) / scale, fitted on the training set only
/// so that nothing about the test set leaks into training (as scikit-learn's
/// `StandardScaler`). `scale` is the population standard deviation (divide by n), computed
/// in two passes in Double; a feature whose deviation is below 10·ε (constant in the
/// training set) gets scale 1, so it becomes 0 instead of NaN. Codable: checkpoints store
/// it so exported models apply the same transform.
public struct Standardizer: Codable, Sendable, Equatable {
    public var mean: [Float]
    public var scale: [Float]

    public init(mean: [Float], scale: [Float]) {
        precondition(mean.count == scale.count, "\(mean.count) means but \(scale.count) scales")
        self.mean = mean
        self.scale = scale
    }

    /// Fits mean and scale to the rows of `features` (at least one row).
    public init(fitting features: Matrix<Float>) {
        precondition(features.rows > 0, "cannot fit a standardizer to no samples")
        let count = Double(features.rows)
        var sums = [Double](repeating: 0, count: features.cols)
        for row in 0..<features.rows {
            for (column, value) in features.row(row).enumerated() { sums[column] += Double(value) }
        }
        let means = sums.map { $0 / count }
        var squares = [Double](repeating: 0, count: features.cols)
        for row in 0..<features.rows {
            for (column, value) in features.row(row).enumerated() {
                let deviation = Double(value) - means[column]
                squares[column] += deviation * deviation
            }
        }
        let deviations = squares.map { ($0 / count).squareRoot() }
        self.init(mean: means.map { Float($0) },
                  scale: deviations.map { $0 < 10 * Double.ulpOfOne ? 1 : Float($0) })
    }

    public func apply(_ features: Matrix<Float>) -> Matrix<Float> {
        precondition(features.cols == mean.count, "standardizer fitted to \(mean.count) features, given \(features.cols)")
        var result = features
        for row in 0..<features.rows {
            for column in 0..<features.cols {
                result.storage[row * features.cols + column] = (features[row, column] - mean[column]) / scale[column]
            }
        }
        return result
    }

    public func apply(_ dataset: Dataset) -> Dataset {
        var result = dataset
        result.features = apply(dataset.features)
        return result
    }
}
