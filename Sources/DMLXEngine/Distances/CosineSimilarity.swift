import DMLXCore

/// Cosine similarity, S_ij = x_i · y_j / (‖x_i‖ ‖y_j‖), a similarity in [−1, 1]
/// (larger = closer), as PML's `CosineSimilarity` (the default of the multi-similarity
/// loss and miner). It is the dot product of the normalised rows, always normalised.
public struct CosineSimilarity: Distance {
    private let dotProduct = DotProductSimilarity(normalizeEmbeddings: true)

    public init() {}

    public var isInverted: Bool { true }

    public func matrix(_ x: Matrix<Double>, _ y: Matrix<Double>) -> Matrix<Double> {
        dotProduct.matrix(x, y)
    }

    public func backward(_ x: Matrix<Double>, _ y: Matrix<Double>, upstream: Matrix<Double>)
        -> (x: Matrix<Double>, y: Matrix<Double>)
    {
        dotProduct.backward(x, y, upstream: upstream)
    }

    public func backward(_ x: Matrix<Double>, upstream: Matrix<Double>) -> Matrix<Double> {
        dotProduct.backward(x, upstream: upstream)
    }
}
