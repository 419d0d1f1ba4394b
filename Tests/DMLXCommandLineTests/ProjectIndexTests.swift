import DMLXTestSupport
import Foundation
import Testing

/// `dmlx project --index`: the t-SNE/UMAP k-NN graph from faiss, and the record saying so.
@Suite struct ProjectIndexTests {
    func project(_ options: [String], in scratch: ScratchDirectory) throws -> JSONRecord {
        try #require(try Dmlx.records(["project", "--embeddings", "digits", "--method", "umap",
                                       "--out", scratch.path("map.npy"), "--json"] + options).first)
    }

    @Test func umapOnAnIVFGraphIsAsTrustworthyAsOnTheExactOne() throws {
        let scratch = try ScratchDirectory()
        let exact = try project([], in: scratch)
        #expect(exact.string("neighbor_index") == "exact" && exact.isNull("neighbor_recall_at_10"), "\(exact)")
        let ivf = try project(["--index", "ivf", "--index-params", "nlist=20"], in: scratch)
        #expect(ivf.string("neighbor_index")?.hasPrefix("IVF20,Flat nprobe ") == true, "\(ivf)")
        #expect((ivf.number("neighbor_recall_at_10") ?? 0) >= 0.95, "\(ivf)")
        let (approximate, reference) = (ivf.number("trustworthiness") ?? 0, exact.number("trustworthiness") ?? 1)
        #expect(abs(approximate - reference) < 0.01, "IVF graph \(approximate), exact graph \(reference)")
    }

    @Test func textOutputStatesTheIndexAndItsRecall() throws {
        let scratch = try ScratchDirectory()
        let result = try Dmlx.run(["project", "--embeddings", "iris", "--method", "tsne", "--index", "hnsw",
                                   "--out", scratch.path("map.npy")])
        try #require(result.succeeded, "\(result)")
        #expect(result.outputLines.contains { $0.hasPrefix("approximate k-NN graph: HNSW32,Flat") && $0.contains("recall@10") },
                "\(result)")
    }
}
