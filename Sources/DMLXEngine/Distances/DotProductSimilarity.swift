import DMLXCore

/// The dot product of rows, a similarity (larger = closer), as PML's
/// `DotProductSimilarity`: S_ij = u_i · v_j.
///
/// Like every PML distance it normalises the rows first by default
/// (`normalize_embeddings=True`), which makes it equal to `CosineSimilarity`; pass
/// `normalizeEmbeddings: false` for the raw dot product.
public struct DotProductSimilarity: Distance {
    public var normalizeEmbeddings: Bool

    public init(normalizeEmbeddings: Bool = true) {
        self.normalizeEmbeddings = normalizeEmbeddings
    }

    public var isInverted: Bool { true }

    public func matrix(_ x: Matrix<Double>, _ y: Matrix<Double>) -> Matrix<Double> {
        normalization(x).apply(to: x).multiplied(by: normalization(y).apply(to: y), transposingOther: true)
    }

    /// ∂L/∂u = G v and ∂L/∂v = Gᵀ u, then back through the normalisation.
    public func backward(_ x: Matrix<Double>, _ y: Matrix<Double>, upstream: Matrix<Double>)
        -> (x: Matrix<Double>, y: Matrix<Double>)
    {
        let (xNormalization, yNormalization) = (normalization(x), normalization(y))
        let (u, v) = (xNormalization.apply(to: x), yNormalization.apply(to: y))
        return (xNormalization.backward(upstream.multiplied(by: v)),
                yNormalization.backward(upstream.multiplied(by: u, transposingSelf: true)))
    }

    /// ∂L/∂u = (G + Gᵀ) u, then back through the normalisation (`symmetrized`).
    public func backward(_ x: Matrix<Double>, upstream: Matrix<Double>) -> Matrix<Double> {
        let xNormalization = normalization(x)
        return xNormalization.backward(Self.symmetrized(upstream).multiplied(by: xNormalization.apply(to: x)))
    }

    private func normalization(_ x: Matrix<Double>) -> RowNormalization<Double>? {
        normalizeEmbeddings ? RowNormalization(x) : nil
    }
}
