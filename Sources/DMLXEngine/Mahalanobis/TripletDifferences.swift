import DMLXCore

/// The difference vectors of relative comparisons, stacked so that every quantity over
/// all triplets is one GEMM: row `t` is `x_anchor − x_near` and row `T + t` is
/// `x_anchor − x_far` of triplet `t` (`T` triplets, `2T × d`).
public struct TripletDifferences: Sendable {
    public let stacked: Matrix<Double>

    public init(data: Matrix<Double>, triplets: [(anchor: Int, near: Int, far: Int)]) {
        stacked = data.pairDifferences(triplets.map { ($0.anchor, $0.near) } + triplets.map { ($0.anchor, $0.far) })
    }

    public var count: Int { stacked.rows / 2 }

    /// The margins `z_t = d²_M(anchor, far) − d²_M(anchor, near)`, `d²_M(a, b) = vᵀMv` for
    /// a symmetric `M`: one GEMM `SM`, then a dot product per row.
    func margins(metric: Matrix<Double>) -> [Double] {
        let mapped = stacked.multiplied(by: metric)
        let d = stacked.cols
        let squared = mapped.storage.withUnsafeBufferPointer { m in
            stacked.storage.withUnsafeBufferPointer { s in
                (0..<stacked.rows).map { r in (r * d..<(r + 1) * d).reduce(0) { $0 + m[$1] * s[$1] } }
            }
        }
        return (0..<count).map { squared[count + $0] - squared[$0] }
    }

    /// `Σ_t c_t (v_far v_farᵀ − v_near v_nearᵀ)`, the gradient in `M` of `Σ_t f(z_t)` when
    /// `c_t = f′(z_t)`: one GEMM `Sᵀ diag(−c, c) S` over the rows whose weight is not 0
    /// (hinges leave most triplets inactive, so this is often a small part of `S`).
    func scatter(_ coefficients: [Double]) -> Matrix<Double> {
        let weights = coefficients.map { -$0 } + coefficients
        let active = weights.indices.filter { weights[$0] != 0 }
        let rows = stacked.rows(active)
        var weighted = rows
        for (position, r) in active.enumerated() {
            for c in 0..<weighted.cols { weighted.storage[position * weighted.cols + c] *= weights[r] }
        }
        return weighted.multiplied(by: rows, transposingSelf: true)
    }
}
