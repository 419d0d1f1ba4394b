import Foundation

/// The mean of a result over runs that differ only in their seed, its sample standard
/// deviation and the 95 % confidence interval of the mean, so that a difference between two
/// methods can be told from seed noise.
///
/// std = √(Σ(xᵢ − x̄)² / (n − 1)) (Bessel's correction: the seeds are a sample);
/// ci95 = x̄ ± t_{0.975, n−1} · std / √n (Student's t, `StudentT`), which assumes the
/// per-seed results are roughly normal and is exact for normal ones. One value has neither
/// a spread nor an interval: both are nil.
public struct SampleSummary: Sendable, Equatable {
    public let count: Int
    public let mean: Double
    public let standardDeviation: Double?
    public let confidenceInterval95: ClosedRange<Double>?

    /// The summary of `values` (at least one).
    public init(_ values: [Double]) {
        precondition(!values.isEmpty, "a summary needs at least one value")
        let count = values.count
        let mean = values.reduce(0, +) / Double(count)
        self.count = count
        self.mean = mean
        guard count > 1 else {
            standardDeviation = nil
            confidenceInterval95 = nil
            return
        }
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let deviation = (squares / Double(count - 1)).squareRoot()
        standardDeviation = deviation
        let halfWidth = Self.tQuantile975(degreesOfFreedom: count - 1) * deviation / Double(count).squareRoot()
        confidenceInterval95 = (mean - halfWidth)...(mean + halfWidth)
    }

    /// t_{0.975, ν}: a bisection of `StudentT` per call, so the common ν (up to 64 seeds)
    /// are worked out once — the compare screen summarises every epoch on every frame.
    private static func tQuantile975(degreesOfFreedom: Int) -> Double {
        degreesOfFreedom <= commonQuantiles975.count ? commonQuantiles975[degreesOfFreedom - 1]
            : StudentT(degreesOfFreedom: Double(degreesOfFreedom)).quantile(0.975)
    }

    private static let commonQuantiles975 = (1...64).map { StudentT(degreesOfFreedom: Double($0)).quantile(0.975) }

    /// Whether the two 95 % intervals are disjoint: a difference larger than the seed noise
    /// by this (conservative) rule. False when either has no interval.
    public func intervalsSeparate(from other: SampleSummary) -> Bool {
        guard let mine = confidenceInterval95, let theirs = other.confidenceInterval95 else { return false }
        return !mine.overlaps(theirs)
    }

    /// {"mean", "std", "ci95": [lo, hi]}; std and ci95 are null for a single value.
    public var json: JSONValue {
        .object([
            ("mean", .number(mean)),
            ("std", standardDeviation.map(JSONValue.number) ?? .null),
            ("ci95", confidenceInterval95.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
        ])
    }
}
