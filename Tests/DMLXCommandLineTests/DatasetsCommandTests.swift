import DMLXTestSupport
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
}
