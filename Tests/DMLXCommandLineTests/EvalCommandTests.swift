import DMLXTestSupport
import Foundation
import Testing

/// `dmlx eval` on embeddings and labels saved by NumPy reproduces pytorch-metric-learning's
/// precision@1, R-precision and MAP@R (to 1e-4), scikit-learn's NMI and AMI for a given
/// clustering (to 1e-6) and PML's losses over the whole set (to 1e-5 relative).
@Suite struct EvalCommandTests {
    static let cases = ["clustered-f32", "lone-f64"]

    /// The fixture key of each loss and the options that ask dmlx for it.
    static let lossOptions = [
        "triplet_margin_0.2": ["--loss", "triplet", "--margin", "0.2"],
        "contrastive": ["--loss", "contrastive"],
        "multi_similarity": ["--loss", "multi-similarity"],
    ]

    @Test(arguments: cases)
    func metricsMatchTheReferenceLibraries(name: String) throws {
        let reference = try EvalReference.load(name)
        let record = try evaluate(reference, ["--clusters", reference.files.clusters])
        #expect(record.number("n") == Double(reference.n))
        #expect(record.number("dim") == Double(reference.dim))
        expectRetrieval(record, reference)
        #expect(abs((record.number("nmi") ?? .nan) - reference.nmi) <= 1e-6, "\(record)")
        #expect(abs((record.number("ami") ?? .nan) - reference.ami) <= 1e-6, "\(record)")
    }

    @Test(arguments: cases, lossOptions.keys.sorted())
    func lossMatchesPyTorchMetricLearning(name: String, key: String) throws {
        let reference = try EvalReference.load(name)
        let options = try #require(Self.lossOptions[key])
        let expected = try #require(reference.loss[key])
        let value = try #require(try evaluate(reference, options).number("loss"), "no \"loss\" in the record")
        #expect(abs(value - expected) <= 1e-5 * abs(expected), "\(key): dmlx \(value), PML \(expected)")
    }

    /// Without --labels, `<stem>-labels.npy` next to the embeddings is used.
    @Test func labelsAreFoundNextToTheEmbeddings() throws {
        let reference = try EvalReference.load("clustered-f32")
        let record = try #require(try Dmlx.records(["eval", "--embeddings", reference.files.embeddings, "--json"],
                                                   in: EvalReference.directory).first)
        expectRetrieval(record, reference)
    }

    @Test func withoutJSONPrintsATable() throws {
        let reference = try EvalReference.load("clustered-f32")
        let result = try Dmlx.run(["eval", "--embeddings", reference.files.embeddings, "--labels", reference.files.labels],
                                  in: EvalReference.directory)
        try #require(result.succeeded, "\(result)")
        #expect(result.standardOutput.contains("500 embeddings of dimension 16, 7 classes"), "\(result)")
        #expect(result.outputLines.contains { $0.hasPrefix("map_at_r") && $0.contains("0.72759") }, "\(result)")
    }

    /// `--per-class` as text: a row per class, the worst MAP@R first, each with its most
    /// retrieved other classes; four points by hand, class 1's two points each nearer to a
    /// class-0 point than to each other.
    @Test func perClassPrintsATableWorstFirst() throws {
        let scratch = try ScratchDirectory()
        // Class 0 at (0, 0), (1, 0); class 1 at (2.4, 1), (5, 1): point 2 is nearest point 1,
        // point 3's nearest other is point 2. Class 0: q0 → 1 (hit), q1 → 0 (hit): MAP@R 1.
        // Class 1 (R = 1): q2 → 1 (miss), q3 → 2 (hit): MAP@R 0.5, confused with 0 in 1 of 2.
        try scratch.write("points.csv", Array("0,0,0\n1,0,0\n2.4,1,1\n5,1,1\n".utf8))
        let result = try Dmlx.run(["eval", "--embeddings", "points.csv", "--per-class", "--quiet"], in: scratch.url)
        try #require(result.succeeded, "\(result)")
        let rows = result.outputLines.drop { !$0.hasPrefix("per class") }.dropFirst(2).map { $0.split(separator: " ").joined(separator: " ") }
        #expect(rows == ["1 2 0.500 0.500 0.500 0 50.0%", "0 2 1.000 1.000 1.000"], "\(result)")
    }

    /// A UTF-8 byte-order mark (as spreadsheets write) must not turn the first row into a header.
    @Test func byteOrderMarkDoesNotDropTheFirstRow() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("bom.csv", [0xEF, 0xBB, 0xBF] + Array("1,2,0\n3,4,1\n1,3,0\n3,5,1\n".utf8))
        let record = try #require(try Dmlx.records(["eval", "--embeddings", "bom.csv", "--json"], in: scratch.url).first)
        #expect(record.number("n") == 4)
        #expect(record.number("precision_at_1") == 1)
    }

    private func evaluate(_ reference: EvalReference, _ options: [String],
                          sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONRecord {
        let arguments = ["eval", "--embeddings", reference.files.embeddings, "--labels", reference.files.labels, "--json"]
        let records = try Dmlx.records(arguments + options, in: EvalReference.directory, sourceLocation: sourceLocation)
        try #require(records.count == 1, "eval --json printed \(records.count) records", sourceLocation: sourceLocation)
        return records[0]
    }

    private func expectRetrieval(_ record: JSONRecord, _ reference: EvalReference,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        let pairs = [("precision_at_1", reference.precisionAt1), ("r_precision", reference.rPrecision),
                     ("map_at_r", reference.mapAtR)]
        for (key, expected) in pairs {
            let value = record.number(key) ?? .nan
            #expect(abs(value - expected) <= 1e-4, "\(key): dmlx \(value), PML \(expected)", sourceLocation: sourceLocation)
        }
        for k in JSONRecord.recallKeys {
            let value = record.object("recall_at")?.number(k) ?? .nan
            let expected = reference.recallAt[k] ?? .nan
            #expect(abs(value - expected) <= 1e-4, "recall_at \(k): dmlx \(value), reference \(expected)",
                    sourceLocation: sourceLocation)
        }
    }
}
