/// Median, 95th percentile and worst of some milliseconds; nil when none were measured.
struct Spread: Codable {
    var median: Double?
    var p95: Double?
    var worst: Double?
    var count: Int

    init(_ milliseconds: [Double]) {
        let sorted = milliseconds.sorted()
        median = sorted.isEmpty ? nil : sorted[sorted.count / 2]
        p95 = sorted.isEmpty ? nil : sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))]
        worst = sorted.last
        count = sorted.count
    }
}
