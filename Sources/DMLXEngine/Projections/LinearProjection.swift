import DMLXCore

/// An affine map of `d`-dimensional points to the plane, `p ↦ (p − mean) · axes`, used to
/// draw embeddings as a 2-D scatter. Any point set of the same dimension — the test-split
/// embeddings, a loss's proxies, a picked query — goes through the same map, so they
/// share one picture.
public struct LinearProjection: Sendable, Equatable {
    /// The point that lands on the origin (`d` values).
    public let mean: [Float]
    /// `d × 2`: column `c` gives screen coordinate `c`.
    public let axes: Matrix<Float>

    public init(mean: [Float], axes: Matrix<Float>) {
        precondition(axes.rows == mean.count && axes.cols == 2,
                     "a projection of \(mean.count)-dimensional points needs \(mean.count)×2 axes, not \(axes.rows)×\(axes.cols)")
        self.mean = mean
        self.axes = axes
    }

    /// `n × 2` coordinates of the rows of `points` (`n × d`), by one GEMM on the centred
    /// points (centring first keeps Float precision when the points sit far from the
    /// origin, as L2-normalised embeddings do).
    /// The rows are centred a block at a time, so a million points need a few MB beside
    /// them rather than a centred copy of them all.
    public func project(_ points: Matrix<Float>) -> Matrix<Float> {
        let block = 8192
        var coordinates: [Float] = []
        coordinates.reserveCapacity(points.rows * 2)
        for start in stride(from: 0, to: points.rows, by: block) {
            let rows = points.rows(Array(start..<min(points.rows, start + block)))
            coordinates += rows.subtractingFromRows(mean).multiplied(by: axes).storage
        }
        return Matrix(rows: points.rows, cols: 2, storage: coordinates)
    }

    /// The same map followed by the 2 × 2 map `transform` of the plane:
    /// `p ↦ (p − mean) · axes · transform`.
    public func followed(by transform: Matrix<Float>) -> LinearProjection {
        precondition(transform.rows == 2 && transform.cols == 2, "a plane transform is 2×2, not \(transform.rows)×\(transform.cols)")
        return LinearProjection(mean: mean, axes: axes.multiplied(by: transform))
    }

    /// The one map the scatter's "fixed basis" mode applies to every epoch: the aligned
    /// projection of the latest epoch in `epochs` (nil when there are none), mean
    /// included.
    ///
    /// Why the latest: it is fitted to the most developed structure, so earlier epochs
    /// show the points moving into the final layout; and because aligned bases are
    /// chained by Procrustes, it has the orientation of the other modes' recent frames,
    /// so switching modes does not flip the picture. Why one mean too: a single affine
    /// map shows the embeddings' actual motion, drift included, and never re-centres
    /// behind the user's back. The map changes only as new epochs arrive.
    public static func fixed(from epochs: some BidirectionalCollection<EpochProjection>) -> LinearProjection? {
        epochs.last?.aligned
    }
}
