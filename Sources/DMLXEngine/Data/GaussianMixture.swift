import DMLXCore

/// Seeded Gaussian-mixture embeddings for measuring scale (`dmlx bench`): `classes`
/// centres drawn from N(0, I), then `points` points labelled by class in turn (point i
/// is of class i mod `classes`), each its centre plus N(0, `noise`²) per coordinate. The
/// same arguments give the same points. With many classes it resembles a trained
/// embedding of a many-class data set: R (the class size) stays in the hundreds or
/// thousands while the points run to 10⁶, and neighbours are mostly of the same class.
public struct GaussianMixture: Sendable {
    public var points: Int
    public var dimension: Int
    public var classes: Int
    public var noise: Double
    public var seed: UInt64

    public init(points: Int, dimension: Int, classes: Int, noise: Double, seed: UInt64 = 1) {
        precondition(points > 0 && dimension > 0 && classes > 0 && noise >= 0, "a mixture needs positive sizes")
        self.points = points
        self.dimension = dimension
        self.classes = classes
        self.noise = noise
        self.seed = seed
    }

    public func sample() -> (points: Matrix<Float>, labels: [Int]) {
        var generator = SeededGenerator(seed: seed)
        let centres = (0..<classes * dimension).map { _ in Float(generator.nextGaussian()) }
        let labels = (0..<points).map { $0 % classes }
        var storage = [Float](repeating: 0, count: points * dimension)
        for i in 0..<points {
            for j in 0..<dimension {
                storage[i * dimension + j] = centres[labels[i] * dimension + j] + Float(generator.nextGaussian() * noise)
            }
        }
        return (Matrix(rows: points, cols: dimension, storage: storage), labels)
    }
}
