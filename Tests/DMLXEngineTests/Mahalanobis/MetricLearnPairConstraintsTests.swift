import DMLXEngine
import Foundation
import Testing

/// `PairConstraints(labels:count:seed:sampler: .metricLearn)` against metric-learn 0.7.0's
/// `Constraints.positive_negative_pairs` on CPython 3.11
/// (Scripts/reference/metric_learn_constraints_fixtures.py), pair for pair and in order.
@Suite struct MetricLearnPairConstraintsTests {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let labels: [Int]
        let count: Int
        let randomState: UInt32
        let positiveCount: Int
        let negativeCount: Int
        let positiveChecksum: Int
        let negativeChecksum: Int
        /// All pairs, or for large cases only the first and last few (`…Head`, `…Tail`).
        let positive: [[Int]]?
        let negative: [[Int]]?
        let positiveHead: [[Int]]?
        let positiveTail: [[Int]]?
        let negativeHead: [[Int]]?
        let negativeTail: [[Int]]?

        var testDescription: String { "\(name), random_state \(randomState)" }

        enum CodingKeys: String, CodingKey {
            case name, labels, count, positive, negative
            case randomState = "random_state", positiveCount = "positive_count", negativeCount = "negative_count"
            case positiveChecksum = "positive_checksum", negativeChecksum = "negative_checksum"
            case positiveHead = "positive_head", positiveTail = "positive_tail"
            case negativeHead = "negative_head", negativeTail = "negative_tail"
        }
    }

    static let cases: [Case] = {
        let url = Bundle.module.url(forResource: "metric_learn_pairs", withExtension: "json", subdirectory: "Fixtures/constraints")!
        return try! JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
    }()

    /// The fixture's checksum: `Σ (i + 1)·(7919a + b)` over the pairs in order.
    private static func checksum(_ pairs: [[Int]]) -> Int {
        pairs.enumerated().reduce(0) { $0 + ($1.offset + 1) * ($1.element[0] * 7919 + $1.element[1]) }
    }

    @Test(arguments: cases)
    func matchesMetricLearnPairForPair(_ reference: Case) {
        let drawn = PairConstraints(labels: reference.labels, count: reference.count,
                                    seed: UInt64(reference.randomState), sampler: .metricLearn)
        for (pairs, count, checksum, all, head, tail) in [
            (drawn.positive, reference.positiveCount, reference.positiveChecksum,
             reference.positive, reference.positiveHead, reference.positiveTail),
            (drawn.negative, reference.negativeCount, reference.negativeChecksum,
             reference.negative, reference.negativeHead, reference.negativeTail),
        ] {
            let rows = pairs.map { [$0.0, $0.1] }
            #expect(rows.count == count)
            #expect(Self.checksum(rows) == checksum)
            if let all { #expect(rows == all) }
            if let head { #expect(Array(rows.prefix(head.count)) == head) }
            if let tail { #expect(Array(rows.suffix(tail.count)) == tail) }
        }
    }

    /// ITML and MMC ask for `20·C²` pairs by default, as the fixtures' iris case.
    @Test func defaultCountIsMetricLearns() throws {
        let iris = try #require(Self.cases.first { $0.name == "iris" && $0.randomState == 0 })
        let drawn = PairConstraints(labels: iris.labels, count: nil, seed: 0, sampler: .metricLearn)
        #expect(drawn.negative.map { [$0.0, $0.1] } == iris.negative)
    }
}
