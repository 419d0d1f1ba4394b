/// The eigen-decomposition `A = V · diag(values) · Vᵀ` of a real symmetric matrix.
///
/// `values` are in descending order and column `j` of `vectors` is the unit eigenvector
/// of `values[j]`; the columns are orthonormal. Signs of eigenvectors are whatever LAPACK
/// returns (deterministic for identical input); callers that need a convention, such as
/// `PCA`, impose one.
public struct SymmetricEigenDecomposition<Scalar: BinaryFloatingPoint & Sendable>: Sendable, Equatable {
    /// Eigenvalues, largest first.
    public let values: [Scalar]
    /// `n × n`; column `j` is the eigenvector of `values[j]`.
    public let vectors: Matrix<Scalar>

    public init(values: [Scalar], vectors: Matrix<Scalar>) {
        precondition(vectors.rows == values.count && vectors.cols == values.count,
                     "\(values.count) eigenvalues need \(values.count)×\(values.count) eigenvectors")
        self.values = values
        self.vectors = vectors
    }
}
