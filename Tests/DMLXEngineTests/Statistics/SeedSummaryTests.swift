import Testing
import DMLXEngine

@Suite struct SeedSummaryTests {
    /// Hand-computed: 1, 2, 3, 4, 5 has mean 3, sample variance 10/4 = 2.5, and a 95 %
    /// interval 3 ± 2.776445·√2.5/√5 = 3 ± 1.963243.
    @Test func handComputedSummary() throws {
        let summary = SampleSummary([1, 2, 3, 4, 5])
        #expect(summary.mean == 3)
        #expect(abs(try #require(summary.standardDeviation) - 2.5.squareRoot()) < 1e-12)
        let interval = try #require(summary.confidenceInterval95)
        #expect(abs(interval.lowerBound - (3 - 1.963243)) < 1e-5)
        #expect(abs(interval.upperBound - (3 + 1.963243)) < 1e-5)
    }

    @Test func oneValueHasNoSpreadNorInterval() {
        let summary = SampleSummary([0.7])
        #expect(summary.mean == 0.7)
        #expect(summary.standardDeviation == nil && summary.confidenceInterval95 == nil)
        #expect(summary.json.rendered == #"{"mean": 0.7, "std": null, "ci95": null}"#)
        #expect(!summary.intervalsSeparate(from: SampleSummary([0.1, 0.2])))
    }

    @Test func separationIsDisjointIntervals() {
        #expect(SampleSummary([1, 1.1, 0.9]).intervalsSeparate(from: SampleSummary([2, 2.1, 1.9])))
        #expect(!SampleSummary([1, 2, 3]).intervalsSeparate(from: SampleSummary([2, 3, 4])))
    }

    /// Every number of the records is summarised, nested ones under their own key; the
    /// identifying fields are not; a value missing in one seed leaves that metric null.
    @Test func recordSummary() {
        func record(seed: Int, loss: JSONValue, recall: Double, map: Double) -> JSONValue {
            .object([("run", .string("triplet")), ("seed", .integer(seed)), ("epoch", .integer(3)), ("loss", loss),
                     ("recall_at", .object([("1", .number(recall))])), ("map_at_r", .number(map)),
                     ("configuration", .encoded("{}"))])
        }
        let summary = SeedSummary(run: "triplet", seeds: [0, 3], finals: [
            record(seed: 0, loss: .number(0.5), recall: 0.8, map: 0.4),
            record(seed: 3, loss: .null, recall: 0.9, map: 0.6),
        ])
        #expect(summary.metrics.map { $0.path.joined(separator: ".") } == ["loss", "recall_at.1", "map_at_r"])
        let map = SampleSummary([0.4, 0.6]).json.rendered
        let recall = SampleSummary([0.8, 0.9]).json.rendered
        #expect(summary.json.rendered == #"{"summary": true, "run": "triplet", "seeds": [0, 3], "epoch": 3, "loss": null, "#
            + #""recall_at": {"1": \#(recall)}, "map_at_r": \#(map)}"#)
    }

    @Test func oneSeedSaysWhyThereIsNoInterval() {
        let summary = SeedSummary(run: "r", seeds: [7], finals: [.object([("epoch", .integer(1)), ("nmi", .number(0.5))])])
        #expect(summary.json.rendered.contains(#""note": "one seed: no standard deviation or confidence interval""#))
        #expect(summary.json.rendered.hasSuffix(#""nmi": {"mean": 0.5, "std": null, "ci95": null}}"#))
    }
}
