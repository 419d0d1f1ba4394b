import DMLXTestSupport
import Foundation
import Testing

/// Classic Mahalanobis learners from the command line: `train --method`, `compare` of a
/// method with a loss, checkpoints of a fit, and the errors of a wrong choice.
@Suite struct ClassicMethodCommandTests {
    @Test func trainFitsTheMethodAsEpochOne() throws {
        let records = try Dmlx.records(["train", "--data", "iris", "--method", "lmnn", "--max-iterations", "80", "--json"])
        #expect(records.map(\.epoch) == [0, 1])
        #expect(records.allSatisfy { $0.run == "lmnn" })
        let (initial, fitted) = (records[0], records[1])
        let configuration = try #require(initial.object("configuration"))
        #expect(configuration.object("method")?.string("name") == "lmnn")
        #expect(configuration.object("method")?.number("maxIterations") == 80)
        #expect(configuration.fields["loss"] == nil && configuration.fields["optimizer"] == nil,
                "a classic run's record shows no deep-training options: \(configuration)")
        #expect(initial.isNull("loss"))
        #expect((fitted.number("loss") ?? .nan).isFinite)
        let iterations = try #require(fitted.object("statistics")?.number("iterations"))
        #expect(iterations >= 1 && iterations <= 80)
        #expect((fitted.object("statistics")?.number("active") ?? -1) >= 0, "LMNN reports its impostors")
        #expect((fitted.number("map_at_r") ?? 0) > (initial.number("map_at_r") ?? 1), "LMNN improves MAP@R on iris")
    }

    @Test func compareRunsAMethodBesideALossOnTheSameSplit() throws {
        let records = try Dmlx.records(["compare", "--losses", "nca,proxy-nca", "--data", "iris", "--epochs", "2", "--json"])
        let nca = records.filter { $0.run == "nca" }
        let proxy = records.filter { $0.run == "proxy-nca" }
        #expect(nca.map(\.epoch) == [0, 1])
        #expect(proxy.map(\.epoch) == [0, 1, 2])
        #expect(nca.first?.object("raw_features")?.description == proxy.first?.object("raw_features")?.description)
        let alone = try Dmlx.records(["train", "--method", "nca", "--data", "iris", "--json"])
        #expect(nca.map(\.withoutTimings) == alone.map(\.withoutTimings))
    }

    @Test func aSavedFitExportsItsEmbedding() throws {
        let directory = try ScratchDirectory()
        let checkpoint = directory.url.appendingPathComponent("itml.json").path
        let trained = try Dmlx.run(["train", "--data", "wine", "--method", "itml", "--save", checkpoint])
        try #require(trained.succeeded, "\(trained)")
        let out = directory.url.appendingPathComponent("export").path
        let exported = try Dmlx.run(["export", checkpoint, "--out", out])
        try #require(exported.succeeded, "\(exported)")
        #expect(exported.standardOutput.contains("(epoch 1)"))
        let evaluated = try Dmlx.records(["eval", "--embeddings", out + "/embeddings.npy", "--json"])
        let fitted = try #require(try Dmlx.records(["train", "--data", "wine", "--method", "itml", "--json"]).last)
        #expect(evaluated.first?.number("map_at_r").map { abs($0 - (fitted.number("map_at_r") ?? 0)) < 1e-9 } == true)
    }

    @Test(arguments: [
        (["train", "--method", "bogus"], ["unknown method 'bogus'", "lmnn"]),
        (["train", "--method", "nca", "--loss", "triplet"], ["--loss and --method"]),
        (["train", "--method", "lmnn", "--neighbors", "0"], ["--neighbors"]),
        (["compare", "--losses", "nca,bogus"], ["unknown loss or method 'bogus'", "proxy-nca", "itml"]),
    ])
    func aWrongChoiceIsRejected(arguments: [String], mentions: [String]) throws {
        let result = try Dmlx.run(arguments + ["--data", "iris", "--json"])
        #expect(result.failedCleanly, "\(result)")
        for phrase in mentions {
            #expect(result.standardError.contains(phrase), "stderr lacks \"\(phrase)\": \(result.standardError)")
        }
        #expect(result.standardOutput.isEmpty, "\(result)")
    }
}
