import DMLXCore
import DMLXEngine

/// Small labelled problems for the classic learners.
enum MahalanobisFixtures {
    /// Three Gaussian classes in 4-D whose class means differ along axis 0 only, while
    /// axes 1-3 carry large class-independent noise: a learned metric must shrink them.
    static func noisyClasses(perClass: Int = 20, seed: UInt64 = 3) -> (features: Matrix<Float>, labels: [Int]) {
        var generator = SeededGenerator(seed: seed)
        var rows: [[Float]] = []
        var labels: [Int] = []
        for label in 0..<3 {
            for _ in 0..<perClass {
                rows.append([Float(label) * 2 + Float(generator.nextGaussian()) * 0.3]
                    + (0..<3).map { _ in Float(generator.nextGaussian()) * 3 })
                labels.append(label)
            }
        }
        return (Matrix(rows), labels)
    }

    /// Standardised iris split 70/30 with seed 0 as scikit-learn splits it: train features and
    /// labels, test features and labels.
    static func iris() throws -> (train: Matrix<Float>, trainLabels: [Int], test: Matrix<Float>, testLabels: [Int]) {
        let data = try BuiltinDatasets.iris()
        let split = ScikitLearnStratifiedSplit(labels: data.labels, testFraction: 0.3, seed: 0)
        let train = data.subset(split.train)
        let standardizer = Standardizer(fitting: train.features)
        let test = data.subset(split.test)
        return (standardizer.apply(train.features), train.labels, standardizer.apply(test.features), test.labels)
    }

    static func knnAccuracy(_ metric: LearnedMetric, on features: Matrix<Float>, _ labels: [Int],
                            gallery: Matrix<Float>, _ galleryLabels: [Int]) -> Double {
        KNNClassifier().accuracy(train: metric.embed(gallery), trainLabels: galleryLabels,
                                 test: metric.embed(features), testLabels: labels)
    }

    /// `(x_a − x_b)ᵀ M (x_a − x_b)` by plain loops, the reference for vectorised objectives.
    static func naiveSquaredDistance(_ data: Matrix<Double>, _ a: Int, _ b: Int, metric: Matrix<Double>) -> Double {
        var sum = 0.0
        for r in 0..<data.cols {
            for c in 0..<data.cols { sum += (data[a, r] - data[b, r]) * metric[r, c] * (data[a, c] - data[b, c]) }
        }
        return sum
    }

    static func identity(_ size: Int) -> Matrix<Double> {
        Matrix(rows: size, cols: size, storage: (0..<size * size).map { $0 % (size + 1) == 0 ? 1 : 0 })
    }

    /// A random symmetric positive definite `d × d` matrix `AᵀA/d + I/2`.
    static func randomMetric(_ d: Int, seed: UInt64) -> Matrix<Double> {
        var generator = SeededGenerator(seed: seed)
        let a = (0..<d * d).map { _ in generator.nextGaussian() }
        var metric = Matrix<Double>(rows: d, cols: d)
        for r in 0..<d {
            for c in 0..<d {
                metric[r, c] = (0..<d).reduce(0) { $0 + a[$1 * d + r] * a[$1 * d + c] } / Double(d) + (r == c ? 0.5 : 0)
            }
        }
        return metric
    }
}
