import DMLXCore

/// The orthonormal basis `V` of thick-restart Lanczos and the projection `H = VᵀMV` of
/// the operator onto it, for `GraphSpectrum`. Vectors are the rows of one contiguous
/// `capacity × n` block, so every projection is a BLAS product; each new direction is
/// orthogonalised twice against the whole basis ("twice is enough", Giraud et al. 2005),
/// which keeps `V` orthonormal to rounding where plain Lanczos loses it.
struct KrylovBasis {
    let adjacency: NormalizedAdjacency
    let capacity: Int
    /// Row `j` is `v_j`; rows `0..<size` are in use.
    private var vectors: [Double]
    /// `capacity × capacity`, symmetric; known for every row but the last in use, whose
    /// image has not been taken yet.
    private var projection: [Double]
    private var size = 0

    init(adjacency: NormalizedAdjacency, capacity: Int, seed: UInt64) {
        self.adjacency = adjacency
        self.capacity = max(2, capacity)
        vectors = [Double](repeating: 0, count: self.capacity * adjacency.count)
        projection = [Double](repeating: 0, count: self.capacity * self.capacity)
        var generator = SeededGenerator(seed: seed)
        var start = (0..<adjacency.count).map { _ in generator.nextGaussian() }
        start.withUnsafeMutableBufferPointer { adjacency.deflate($0.baseAddress!) }
        let norm = start.reduce(0) { $0 + $1 * $1 }.squareRoot()
        append(start.map { $0 / norm })
    }

    private var n: Int { adjacency.count }

    /// Fills the basis with the images of its last vector, orthogonalised. Returns true
    /// when the Krylov space closed first (an invariant subspace: its Ritz pairs are exact).
    mutating func expand() -> Bool {
        var image = [Double](repeating: 0, count: n)
        while size < capacity {
            let last = size - 1
            vectors.withUnsafeBufferPointer { v in
                image.withUnsafeMutableBufferPointer { adjacency.apply(v.baseAddress! + last * n, into: $0.baseAddress!) }
            }
            var coefficients = orthogonalize(&image)
            let second = orthogonalize(&image)
            for i in 0..<size { coefficients[i] += second[i] }
            for i in 0..<size {
                projection[i * capacity + last] = coefficients[i]
                projection[last * capacity + i] = coefficients[i]
            }
            image.withUnsafeMutableBufferPointer { adjacency.deflate($0.baseAddress!) }
            let norm = image.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm < 1e-10 { return true }
            append(image.map { $0 / norm })
        }
        return false
    }

    /// The `count` largest Ritz values, descending, and their vectors, over every basis
    /// vector whose image is known (all of them once the space has closed).
    func ritzPairs(count: Int) throws -> (values: [Double], vectors: [[Double]]) {
        let known = size == capacity ? size - 1 : size
        var small = Matrix<Double>(rows: known, cols: known)
        for i in 0..<known {
            for j in 0..<known { small[i, j] = projection[i * capacity + j] }
        }
        let decomposition = try small.symmetricEigen()
        let taken = min(count, known)
        var coefficients = Matrix<Double>(rows: taken, cols: known)
        for r in 0..<taken {
            for c in 0..<known { coefficients[r, c] = decomposition.vectors[c, r] }
        }
        var ritz = [Double](repeating: 0, count: taken * n)
        coefficients.storage.withUnsafeBufferPointer { s in
            vectors.withUnsafeBufferPointer { v in
                ritz.withUnsafeMutableBufferPointer { y in
                    Double.gemm(transposeA: false, transposeB: false, m: taken, n: n, k: known, alpha: 1, a: s.baseAddress!,
                                lda: known, b: v.baseAddress!, ldb: n, beta: 0, c: y.baseAddress!, ldc: n)
                }
            }
        }
        return (Array(decomposition.values.prefix(taken)), (0..<taken).map { Array(ritz[($0 * n)..<(($0 + 1) * n)]) })
    }

    /// Keeps `ritzVectors` (with `H` their Ritz values on the diagonal) and the last basis
    /// vector, orthogonal to all of them, from which the basis grows again.
    mutating func restart(from ritzVectors: [[Double]], values: [Double]) {
        let residualDirection = Array(vectors[((size - 1) * n)..<(size * n)])
        projection = [Double](repeating: 0, count: capacity * capacity)
        size = 0
        for (vector, value) in zip(ritzVectors, values) {
            projection[size * capacity + size] = value
            append(vector)
        }
        append(residualDirection)
    }

    private mutating func append(_ vector: [Double]) {
        let (row, width) = (size, n)
        vectors.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: row * width).update(from: vector, count: width) }
        size += 1
    }

    /// Removes from `x` its components along the basis and returns them (`Vᵀx`).
    private func orthogonalize(_ x: inout [Double]) -> [Double] {
        var coefficients = [Double](repeating: 0, count: size)
        let (rows, width) = (size, n)
        vectors.withUnsafeBufferPointer { v in
            x.withUnsafeMutableBufferPointer { x in
                coefficients.withUnsafeMutableBufferPointer { c in
                    Double.gemm(transposeA: false, transposeB: false, m: rows, n: 1, k: width, alpha: 1, a: v.baseAddress!,
                                lda: width, b: x.baseAddress!, ldb: 1, beta: 0, c: c.baseAddress!, ldc: 1)
                    Double.gemm(transposeA: true, transposeB: false, m: width, n: 1, k: rows, alpha: -1, a: v.baseAddress!,
                                lda: width, b: c.baseAddress!, ldb: 1, beta: 1, c: x.baseAddress!, ldc: 1)
                }
            }
        }
        return coefficients
    }
}
