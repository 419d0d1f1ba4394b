import DMLXTestSupport
import Foundation
import Testing

/// `--seeds`: every seed's runs, records told apart by "seed", and one summary per run whose
/// means and Student-t intervals this test recomputes from the per-seed final records.
@Suite struct SeedsCommandTests {
    /// t_{0.975, 4} from tables (to 10 digits), independent of dmlx's quantile.
    static let t975With4DegreesOfFreedom = 2.776445105

    /// The numbers of a final record the summary must cover, by path.
    static let metricPaths = [["loss"], ["precision_at_1"], ["r_precision"], ["map_at_r"], ["nmi"], ["ami"]]
        + JSONRecord.recallKeys.map { ["recall_at", $0] }

    static func number(_ record: JSONRecord, _ path: [String]) -> Double? {
        path.count == 1 ? record.number(path[0]) : record.object(path[0]).flatMap { number($0, Array(path.dropFirst())) }
    }

    static func summary(_ record: JSONRecord, _ path: [String]) -> [String: Any]? {
        var fields: [String: Any]? = record.fields
        for key in path { fields = fields?[key] as? [String: Any] }
        return fields
    }

    static func doubles(_ value: Any?) -> [Double]? {
        (value as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue }
    }

    static func isSummary(_ record: JSONRecord) -> Bool { (record.fields["summary"] as? NSNumber)?.boolValue == true }

    @Test func compareEndsWithSummariesThatFollowTheTDistribution() throws {
        let records = try Dmlx.records(["compare", "--losses", "triplet,proxy-nca", "--seeds", "5", "--data", "digits",
                                        "--epochs", "2", "--json"])
        let summaries = Array(records.suffix(2))
        #expect(summaries.map(\.run) == ["triplet", "proxy-nca"])
        #expect(records.dropLast(2).allSatisfy { !Self.isSummary($0) && $0.number("seed") != nil })
        for summaryRecord in summaries {
            #expect(Self.isSummary(summaryRecord))
            #expect(Self.doubles(summaryRecord.fields["seeds"]) == [0, 1, 2, 3, 4])
            let run = try #require(summaryRecord.run)
            let finals = try (0...4).map { seed in
                try #require(records.last { $0.run == run && $0.number("seed") == Double(seed) && !Self.isSummary($0) })
            }
            #expect(finals.allSatisfy { $0.epoch == 2 })
            for path in Self.metricPaths {
                let values = try finals.map { try #require(Self.number($0, path), "\(run) \(path)") }
                let mean = values.reduce(0, +) / 5
                let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4).squareRoot()
                let half = Self.t975With4DegreesOfFreedom * std / 5.0.squareRoot()
                let summary = try #require(Self.summary(summaryRecord, path), "\(run) summary lacks \(path)")
                let interval = try #require(Self.doubles(summary["ci95"]))
                let tolerance = 1e-8 * max(1, abs(mean))
                #expect(abs(try #require((summary["mean"] as? NSNumber)?.doubleValue) - mean) < tolerance, "\(run) \(path)")
                #expect(abs(try #require((summary["std"] as? NSNumber)?.doubleValue) - std) < tolerance, "\(run) \(path)")
                #expect(interval.count == 2 && abs(interval[0] - (mean - half)) < tolerance && abs(interval[1] - (mean + half)) < tolerance,
                        "\(run) \(path): \(interval) against \(mean) ± \(half)")
            }
        }
    }

    /// Seed 3 of `--seeds 0,3` is `--seed 3`, record for record (timings aside).
    @Test func aSeedOfSeedsIsThatSeedAlone() throws {
        let seeded = try Dmlx.records(["train", "--data", "digits", "--seeds", "0,3", "--epochs", "2", "--json"])
        let alone = try Dmlx.records(["train", "--data", "digits", "--seed", "3", "--epochs", "2", "--json"])
        let three = seeded.filter { $0.number("seed") == 3 && !Self.isSummary($0) }
        #expect(three.map { JSONRecord(fields: $0.fields.filter { $0.key != "seed" }).withoutTimings } == alone.map(\.withoutTimings))
        #expect(seeded.filter { $0.number("seed") == 0 }.count == 3)
        #expect(seeded.last.map(Self.isSummary) == true)
    }

    /// One seed: the summary's mean is the value, and it says there is no interval.
    /// Seeds are UInt64: the largest is written exactly, not trapped converting it to Int.
    @Test func theLargestSeedIsRecordedExactly() throws {
        let result = try Dmlx.run(["train", "--data", "iris", "--seeds", "1,18446744073709551615", "--epochs", "1", "--json"])
        try #require(result.succeeded, "\(result)")
        #expect(result.outputLines.filter { $0.contains(#""seed": 18446744073709551615,"#) }.count == 2)
        #expect(result.outputLines.last?.contains(#""seeds": [1, 18446744073709551615]"#) == true, "\(result.outputLines.last ?? "")")
    }

    @Test func oneSeedHasNoInterval() throws {
        let records = try Dmlx.records(["train", "--data", "iris", "--seeds", "1", "--epochs", "1", "--json"])
        let (final, summary) = (records[records.count - 2], try #require(records.last))
        let map = try #require(Self.summary(summary, ["map_at_r"]))
        #expect((map["mean"] as? NSNumber)?.doubleValue == final.number("map_at_r"))
        #expect(map["std"] is NSNull && map["ci95"] is NSNull)
        #expect(summary.string("note")?.contains("one seed") == true)
    }

    /// The table ends with a readable summary: a row per run and metric with its interval.
    @Test func tableOutputPrintsTheSummary() throws {
        let result = try Dmlx.run(["compare", "--losses", "triplet,proxy-nca", "--seeds", "0,1", "--data", "iris", "--epochs", "1", "--headless"])
        #expect(result.succeeded, "\(result)")
        let lines = result.outputLines
        let start = try #require(lines.firstIndex { $0.hasPrefix("summary over 2 seeds (0, 1)") }, "\(result.standardOutput)")
        let rows = lines[start...]
        #expect(rows.contains { $0.hasPrefix("triplet") && $0.contains("map_at_r") && $0.contains("[") })
        #expect(rows.contains { $0.hasPrefix("proxy-nca") && $0.contains("recall_at 1") })
        #expect(lines.contains { $0.hasPrefix("proxy-nca seed 1") })
    }

    /// Each seed's run is recorded under its own name, and `dmlx watch` reopens them all
    /// (with the same retrieval metrics; watch's k-means for NMI/AMI has its own seed).
    @Test func historyNamesEachSeedsRun() throws {
        let scratch = try ScratchDirectory()
        let trained = try Dmlx.records(["compare", "--losses", "triplet,proxy-nca", "--seeds", "2", "--data", "iris", "--epochs", "1",
                                        "--history", scratch.url.path, "--json"])
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted()
        #expect(names == ["config.json", "proxy-nca-seed0", "proxy-nca-seed1", "triplet-seed0", "triplet-seed1"])
        let watched = try Dmlx.records(["watch", scratch.url.path, "--json", "--poll-seconds", "0.05"])
        let final = try #require(trained.last { $0.run == "triplet" && $0.number("seed") == 1 && !Self.isSummary($0) })
        let reopened = try #require(watched.last { $0.run == "triplet-seed1" })
        #expect(reopened.number("map_at_r") == final.number("map_at_r") && reopened.recalls == final.recalls)
        #expect(Set(watched.compactMap(\.run)) == Set(names.dropFirst()))
    }

    @Test(arguments: [
        (["--seeds", "0"], "--seeds"), (["--seeds", "1001"], "--seeds"), (["--seeds", "1,1"], "distinct"),
        (["--seeds", "2,x"], "--seeds"), (["--seeds", "-1,2"], "--seeds"), (["--seeds", "1,,2"], "--seeds"),
        (["--seeds", "2", "--resume", "x.ckpt"], "--resume"), (["--seeds", "2", "--save", "x.ckpt"], "--save"),
    ])
    func badSeedsAreRejected(arguments: [String], mention: String) throws {
        let result = try Dmlx.run(["train", "--data", "iris", "--epochs", "1"] + arguments)
        #expect(result.failedCleanly, "\(result)")
        #expect(result.standardError.contains(mention), "\(result.standardError)")
        #expect(result.standardOutput.isEmpty, "\(result)")
    }
}
