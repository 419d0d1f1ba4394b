import DMLXTestSupport
import Testing

/// `dmlx compare` end to end: one record stream per loss, all from the same start.
@Suite struct CompareCommandTests {
    @Test func tripletAndProxyNCAStartFromTheSameWeights() throws {
        let records = try Dmlx.records(["compare", "--losses", "triplet,proxy-nca", "--data", "digits",
                                        "--epochs", "2", "--json"])
        let triplet = records.filter { $0.run == "triplet" }
        let proxy = records.filter { $0.run == "proxy-nca" }
        #expect(triplet.count + proxy.count == records.count, "records of other runs: \(records.map(\.run))")
        #expect(triplet.map(\.epoch) == [0, 1, 2])
        #expect(proxy.map(\.epoch) == [0, 1, 2])
        let (tripletStart, proxyStart) = (try #require(triplet.first), try #require(proxy.first))
        #expect(tripletStart.metrics == proxyStart.metrics)
        #expect(tripletStart.object("raw_features")?.description == proxyStart.object("raw_features")?.description)
        #expect(triplet.last?.number("loss") != proxy.last?.number("loss"))
    }

    /// Each run of `compare` is the run `train` makes with that loss (records and all).
    @Test func eachRunMatchesTrainWithThatLoss() throws {
        let compared = try Dmlx.records(["compare", "--losses", "contrastive,proxy-nca", "--data", "iris",
                                         "--epochs", "2", "--json"])
        for loss in ["contrastive", "proxy-nca"] {
            let alone = try Dmlx.records(["train", "--loss", loss, "--data", "iris", "--epochs", "2", "--json"])
            #expect(compared.filter { $0.run == loss }.map(\.withoutTimings) == alone.map(\.withoutTimings))
        }
    }

    /// A malformed list is a usage error pointing at compare's own help.
    @Test(arguments: [
        (["--losses", "triplet"], ["--losses", "dmlx compare --help"]),
        (["--losses", "triplet,triplet"], ["--losses", "dmlx compare --help"]),
        (["--losses", "triplet,"], ["--losses", "dmlx compare --help"]),
        (["--losses", "triplet,bogus"], ["bogus"]),
    ])
    func badLossListIsRejected(arguments: [String], mentions: [String]) throws {
        let result = try Dmlx.run(["compare", "--epochs", "1", "--json"] + arguments)
        #expect(result.failedCleanly, "\(result)")
        for phrase in mentions {
            #expect(result.standardError.contains(phrase), "stderr lacks \"\(phrase)\": \(result.standardError)")
        }
        #expect(result.standardOutput.isEmpty, "\(result)")
    }
}
