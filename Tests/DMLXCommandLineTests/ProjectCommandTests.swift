import DMLXTestSupport
import Foundation
import Testing

/// `dmlx project` end to end: the map file, the record, the scores, determinism, bad
/// input; and `export --map`.
@Suite struct ProjectCommandTests {
    /// scikit-learn 1.9's `trustworthiness(load_digits().data, map, n_neighbors=10)` of the
    /// PCA map dmlx writes for the built-in digits (the same 1797 images). Their integer
    /// pixels tie many distances, which NumPy's unstable argsort orders its own way, so
    /// the two agree to 1e-5 here rather than to rounding (MapTrustTests checks 1e-6 on
    /// data without ties).
    static let scikitLearnDigitsPCATrust = 0.8300019476125036

    func header(of path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)).prefix(128), as: UTF8.self)
    }

    @Test func pcaOfDigitsWritesTheMapAndScoresItAsScikitLearnDoes() throws {
        let scratch = try ScratchDirectory()
        let record = try #require(try Dmlx.records(["project", "--embeddings", "digits", "--method", "pca",
                                                    "--out", scratch.path("map.npy"), "--json"]).first)
        #expect(record.string("method") == "pca" && record.number("n") == 1797 && record.number("dim") == 64)
        let trust = try #require(record.number("trustworthiness"))
        #expect(abs(trust - Self.scikitLearnDigitsPCATrust) < 1e-5, "\(trust)")
        #expect((record.number("knn_preserved") ?? -1) > 0 && (record.number("seconds") ?? -1) >= 0)
        #expect(try header(of: scratch.path("map.npy")).contains("'shape': (1797, 2)"))
    }

    @Test(arguments: ["tsne", "umap"])
    func nonlinearMapsOfIrisAreTrustworthyAndRepeatable(method: String) throws {
        let scratch = try ScratchDirectory()
        func project(_ name: String, seed: [String] = []) throws -> Data {
            let record = try #require(try Dmlx.records(["project", "--embeddings", "iris", "--method", method,
                                                        "--out", scratch.path(name), "--json"] + seed).first)
            #expect((record.number("trustworthiness") ?? 0) > 0.95, "\(record)")
            return try Data(contentsOf: scratch.url.appendingPathComponent(name))
        }
        let first = try project("a.npy")
        #expect(try project("b.npy", seed: ["--seed", "0"]) == first, "the same input and seed must give the same map")
        let other = try project("c.npy", seed: ["--seed", "1"])
        #expect(other != first)
        #expect(try project("d.npy", seed: ["--map-seed", "1"]) == other)
    }

    @Test func badInputIsAClearError() throws {
        let scratch = try ScratchDirectory()
        let missing = try Dmlx.run(["project", "--embeddings", scratch.path("none.npy"), "--out", scratch.path("m.npy")])
        #expect(!missing.succeeded && missing.standardError.contains("none.npy"), "\(missing)")
        let perplexity = try Dmlx.run(["project", "--embeddings", "iris", "--perplexity", "-1", "--out", scratch.path("m.npy")])
        #expect(!perplexity.succeeded && perplexity.standardError.contains("--perplexity"), "\(perplexity)")
        // The loader refuses non-finite values, naming the element (MapRunTests covers the
        // pipeline's own check).
        try scratch.write("nan.npy", NpyFile.float32(rows: 4, cols: 2, [0, 1, 2, .nan, 4, 5, 6, 7]))
        for method in ["pca", "tsne", "umap"] {
            let result = try Dmlx.run(["project", "--embeddings", scratch.path("nan.npy"), "--method", method,
                                       "--out", scratch.path("m.npy")])
            #expect(!result.succeeded && result.standardError.contains("nan.npy") && result.standardError.contains("[1, 1]"),
                    "\(method): \(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path("m.npy")))
    }

    @Test func exportCarriesTheMapAndRejectsOneOfTheWrongShape() throws {
        let scratch = try ScratchDirectory()
        try #require(try Dmlx.run(["train", "--data", "iris", "--epochs", "1", "--save", scratch.path("run.ckpt")]).succeeded)
        let exported = try Dmlx.run(["export", scratch.path("run.ckpt"), "--format", "projector", "--map", "umap",
                                     "--out", scratch.path("out")])
        try #require(exported.succeeded, "\(exported)")
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.path("out")).sorted()
        #expect(files == ["map.tsv", "metadata.tsv", "projector_config.pbtxt", "tensors.tsv"])
        let map = try String(contentsOfFile: scratch.path("out/map.tsv"), encoding: .utf8).split(separator: "\n")
        let tensors = try String(contentsOfFile: scratch.path("out/tensors.tsv"), encoding: .utf8).split(separator: "\n")
        #expect(map.count == tensors.count && map.allSatisfy { $0.split(separator: "\t").count == 2 })
        try scratch.write("small.npy", NpyFile.float32(rows: 3, cols: 2, [0, 1, 2, 3, 4, 5]))
        let wrong = try Dmlx.run(["export", scratch.path("run.ckpt"), "--map", scratch.path("small.npy"), "--out", scratch.path("x")])
        #expect(!wrong.succeeded && wrong.standardError.contains("small.npy") && wrong.standardError.contains("× 2"), "\(wrong)")
    }
}
