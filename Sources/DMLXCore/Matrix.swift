/// A dense row-major matrix: element (r, c) lives at `storage[r * cols + c]`.
///
/// `Matrix<Float>` carries activations and parameters; `Matrix<Double>` carries the small
/// loss stage, whose gradients are checked by central differences and so need the extra
/// precision. Both have BLAS products (`Matrix+BLAS.swift`, `BLASScalar`).
/// Value semantics come from the backing `Array` (copy on write).
public struct Matrix<Scalar: BinaryFloatingPoint & Sendable>: Sendable, Equatable {
    public let rows: Int
    public let cols: Int
    public var storage: [Scalar]

    /// A `rows × cols` matrix filled with `value`.
    @inlinable
    public init(rows: Int, cols: Int, repeating value: Scalar = 0) {
        precondition(rows >= 0 && cols >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.cols = cols
        self.storage = Array(repeating: value, count: rows * cols)
    }

    /// A matrix over existing row-major values; `storage.count` must be `rows * cols`.
    @inlinable
    public init(rows: Int, cols: Int, storage: [Scalar]) {
        precondition(storage.count == rows * cols, "storage holds \(storage.count) values, not \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        self.storage = storage
    }

    /// A matrix from nested rows, which must all have the same length.
    @inlinable
    public init(_ nested: [[Scalar]]) {
        let cols = nested.first?.count ?? 0
        precondition(nested.allSatisfy { $0.count == cols }, "rows of different lengths")
        self.init(rows: nested.count, cols: cols, storage: nested.flatMap { $0 })
    }

    /// The same values converted to another scalar type.
    @inlinable
    public init<Other>(_ other: Matrix<Other>) {
        self.init(rows: other.rows, cols: other.cols, storage: other.storage.map { Scalar($0) })
    }

    @inlinable
    public subscript(row: Int, col: Int) -> Scalar {
        get { storage[row * cols + col] }
        set { storage[row * cols + col] = newValue }
    }

    /// The values of row `r`.
    @inlinable
    public func row(_ r: Int) -> ArraySlice<Scalar> {
        storage[(r * cols)..<((r + 1) * cols)]
    }

    /// The rows at `indices`, in that order (a gather, used to form batches and splits).
    @inlinable
    public func rows(_ indices: [Int]) -> Matrix {
        var result = [Scalar]()
        result.reserveCapacity(indices.count * cols)
        for i in indices { result.append(contentsOf: row(i)) }
        return Matrix(rows: indices.count, cols: cols, storage: result)
    }

    @inlinable
    public var transposed: Matrix {
        var result = Matrix(rows: cols, cols: rows)
        for r in 0..<rows {
            for c in 0..<cols { result.storage[c * rows + r] = storage[r * cols + c] }
        }
        return result
    }

    /// The squared Euclidean norm of every row.
    @inlinable
    public var rowSquaredNorms: [Scalar] {
        storage.withUnsafeBufferPointer { values in
            (0..<rows).map { r in
                var sum: Scalar = 0
                for c in (r * cols)..<((r + 1) * cols) { sum += values[c] * values[c] }
                return sum
            }
        }
    }

    /// Whether every entry is finite (no NaN or infinity).
    @inlinable
    public var isFinite: Bool { storage.allSatisfy(\.isFinite) }
}
