import DMLXTestSupport
import Foundation
import Testing

/// `dmlx eval --index`: faiss's search through the command line, against the exact scores.
@Suite struct EvalIndexTests {
    func record(_ options: [String]) throws -> JSONRecord {
        let reference = try EvalReference.load("clustered-f32")
        let arguments = ["eval", "--embeddings", reference.files.embeddings, "--labels", reference.files.labels, "--json"]
        let records = try Dmlx.records(arguments + options, in: EvalReference.directory)
        try #require(records.count == 1, "eval --json printed \(records.count) records")
        return records[0]
    }

    func metrics(_ record: JSONRecord) -> [Double?] {
        ["precision_at_1", "r_precision", "map_at_r", "knn_accuracy", "nmi"].map(record.number) + (record.recalls ?? []).map { $0 }
    }

    /// One IVF cell scans every point, so its scores are the exact ones; the record says
    /// they are approximate all the same, with the recall measured at 10 and at MAP@R's depth.
    @Test func singleCellIVFScoresLikeExactSearchAndSaysItIsApproximate() throws {
        let exact = try record([])
        let ivf = try record(["--index", "ivf", "--index-params", "nlist=1,nprobe=1"])
        #expect(metrics(ivf) == metrics(exact))
        #expect(exact.object("neighbor_search")?.string("index") == "exact")
        let search = try #require(ivf.object("neighbor_search"), "\(ivf)")
        #expect(search.string("index") == "IVF1,Flat nprobe 1")
        #expect((search.fields["approximate"] as? Bool) == true && (search.fields["automatic"] as? Bool) == false)
        #expect((search.fields["approximate_keys"] as? [String])?.contains("map_at_r") == true)
        let recalls = try #require(search.fields["recall"] as? [[String: Any]])
        // 7 classes of about 71 points: MAP@R searches the largest class's R deep.
        #expect(recalls.map { ($0["k"] as? Int) ?? 0 }.first == 10 && recalls.count == 2, "\(recalls)")
        #expect(recalls.allSatisfy { ($0["value"] as? Double) == 1 && ($0["queries"] as? Int) == 500 }, "\(recalls)")
    }

    /// `--per-class` from one IVF cell: each class's scores are the exact search's, and the
    /// record names "per_class" among the approximate keys.
    @Test func perClassScoresFromAnIndexAreMarkedApproximate() throws {
        let exact = try record(["--per-class"])
        let ivf = try record(["--per-class", "--index", "ivf", "--index-params", "nlist=1,nprobe=1"])
        let exactClasses = try #require(exact.object("per_class"), "\(exact)")
        #expect(exactClasses.fields.count == 7 && ivf.object("per_class")?.fields.keys == exactClasses.fields.keys)
        for label in exactClasses.fields.keys {
            #expect(ivf.object("per_class")?.object(label)?.number("map_at_r") == exactClasses.object(label)?.number("map_at_r"))
        }
        #expect((ivf.object("neighbor_search")?.fields["approximate_keys"] as? [String])?.contains("per_class") == true)
        #expect((exact.object("neighbor_search")?.fields["approximate_keys"] as? [String]) == [])
    }

    @Test func hnswScoresCloseToExactAndTheTableMarksApproximateScores() throws {
        let exact = try record([])
        let hnsw = try record(["--index", "hnsw", "--index-params", "M=16,efSearch=200"])
        for (a, b) in zip(metrics(hnsw), metrics(exact)) { #expect(abs((a ?? .nan) - (b ?? .nan)) < 0.02, "\(hnsw)") }
        let reference = try EvalReference.load("clustered-f32")
        let table = try Dmlx.run(["eval", "--embeddings", reference.files.embeddings, "--labels", reference.files.labels,
                                  "--index", "hnsw"], in: EvalReference.directory)
        try #require(table.succeeded, "\(table)")
        #expect(table.outputLines.contains { $0.hasPrefix("neighbours: approximate, HNSW32,Flat") && $0.contains("recall@10") },
                "\(table)")
        #expect(table.outputLines.contains { $0.hasPrefix("map_at_r") && $0.hasSuffix("(approximate)") }, "\(table)")
        #expect(table.outputLines.contains { $0.hasPrefix("nmi") && !$0.contains("approximate") }, "\(table)")
    }

    @Test(arguments: [
        (["--index", "ivf", "--index-params", "nprobe=0"], "nprobe must be a positive integer"),
        (["--index", "hnsw", "--index-params", "nlist=8"], "the hnsw index has no parameter 'nlist'"),
        (["--index-params", "nlist=8"], "--index-params needs --index"),
        (["--index", "annoy"], "annoy"),
        (["--index", "ivf", "--index-params", "nlist=5000"], "faiss: training failed"),
    ])
    func badIndexOptionsFailWithAMessage(options: [String], message: String) throws {
        let reference = try EvalReference.load("clustered-f32")
        let result = try Dmlx.run(["eval", "--embeddings", reference.files.embeddings, "--labels", reference.files.labels] + options,
                                  in: EvalReference.directory)
        #expect(result.failedCleanly && result.standardError.contains(message), "\(result)")
    }
}
