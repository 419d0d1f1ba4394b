import DMLXTestSupport
import Foundation
import Testing

/// `dmlx datasets` names what `--data`, `--loss` and `--miner` accept.
@Suite struct DatasetsCommandTests {
    @Test func datasetsListsTheDataSetsAndLosses() throws {
        let result = try Dmlx.run(["datasets"])
        try #require(result.succeeded, "\(result)")
        let names = Set(result.outputLines.compactMap { $0.split(separator: " ").first.map(String.init) })
        for name in ["digits", "iris", "wine", "blobs", "rings", "spirals", "fashion-mnist",
                     "contrastive", "triplet", "proxy-nca", "multi-similarity", "semihard", "hard"] {
            #expect(names.contains(name), "`dmlx datasets` lacks \(name)")
        }
    }

    /// The README's catalogue is `dmlx datasets --markdown` verbatim, so adding a loss or a
    /// method without documenting it fails here.
    @Test func readmeHasTheCatalogueOfEveryMethod() throws {
        let result = try Dmlx.run(["datasets", "--markdown"])
        try #require(result.succeeded, "\(result)")
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let tables = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(tables.contains("| lmnn | Mahalanobis |") && tables.contains("| proxy-nca | proxy-based |"))
        #expect(text.contains(tables), "README.md lacks the current `dmlx datasets --markdown` tables; paste them in")
    }
}
