/// The grid of the FFT-accelerated repulsion (Linderman et al. 2019, "Fast
/// interpolation-based t-SNE for improved visualization of single-cell RNA-seq data"):
/// the square around the layout is cut into `boxes × boxes` intervals with
/// `nodesPerInterval²` interpolation nodes each. Defaults are FIt-SNE's and openTSNE's:
/// 3 nodes, at least 50 intervals per axis, intervals at most 1 wide (so the grid grows
/// with the map: a 10,000-point map about 100 across uses about 100 × 100 intervals).
public struct TSNEInterpolation: Sendable, Equatable {
    public var nodesPerInterval = 3
    public var minimumIntervals = 50
    public var intervalWidth = 1.0
    /// The cap on intervals per axis (openTSNE's), which bounds the grid's memory at
    /// (2 · 3 · 1000)² doubles per lane even if a layout flies apart.
    public var maximumIntervals = 1000

    public init() {}

    /// Intervals per axis for a layout `span` wide: `max(minimumIntervals,
    /// ⌊span / intervalWidth⌋)` rounded up to the next size of the form 2ᵃ3ᵇ5ᶜ7ᵈ·(1, 11
    /// or 13), on which FFTW is fastest (the list openTSNE uses, which starts at 20).
    public func intervals(span: Double) -> Int {
        let wanted = max(Double(minimumIntervals), (span / intervalWidth).rounded(.down))
        guard wanted < Double(maximumIntervals) else { return maximumIntervals }
        var size = max(20, Int(wanted))
        while !Self.isFFTFriendly(size) { size += 1 }
        return min(size, maximumIntervals)
    }

    /// 2ᵃ3ᵇ5ᶜ7ᵈ times at most one factor of 11 or 13.
    static func isFFTFriendly(_ size: Int) -> Bool {
        var rest = size
        for prime in [2, 3, 5, 7] {
            while rest % prime == 0 { rest /= prime }
        }
        return rest == 1 || rest == 11 || rest == 13
    }
}
