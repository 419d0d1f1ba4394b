import DMLXCore
import DMLXEngine
import DMLXTestSupport
import Testing

/// The catalogue losses (issue 4) against pytorch-metric-learning 2.9, on the fixture
/// batch of `PMLReferenceTests`.
extension PMLReferenceTests {
    var proxies: [Matrix<Double>] { [Matrix(Self.fixture.proxies)] }

    /// The proxy losses as the registry builds them (PML's defaults), their proxies
    /// replaced by the fixture's; cases ending in "_semihard" use the semi-hard miner.
    @Test(arguments: [("proxy-anchor", "proxy_anchor"), ("proxy-anchor", "proxy_anchor_semihard"),
                      ("normalized-softmax", "normalized_softmax"),
                      ("normalized-softmax", "normalized_softmax_semihard")])
    func proxyLoss(name: String, fixtureCase: String) throws {
        var generator = SeededGenerator(seed: 0)
        let loss = try LossRegistry.makeLoss(LossConfiguration(name: name), classes: [0, 1, 2, 3],
                                             embeddingDimension: 4, generator: &generator)
        let tuples = fixtureCase.hasSuffix("_semihard") ? mine(TripletMarginMiner(margin: 0.2, type: .semihard)) : nil
        try expectMatches(loss, tuples: tuples, case: fixtureCase, parameterValues: proxies)
    }

    @Test func nPairsWithSemihardMiner() throws {
        try expectMatches(NPairsLoss(), tuples: mine(TripletMarginMiner(margin: 0.2, type: .semihard)),
                          case: "n_pairs_semihard")
    }

    @Test func ntXent() throws {
        try expectMatches(NTXentLoss(), tuples: nil, case: "ntxent")
    }

    @Test func ntXentWithSemihardMiner() throws {
        try expectMatches(NTXentLoss(), tuples: mine(TripletMarginMiner(margin: 0.2, type: .semihard)),
                          case: "ntxent_semihard")
    }

    @Test func nPairs() throws {
        try expectMatches(NPairsLoss(), tuples: nil, case: "n_pairs")
    }

    @Test func liftedStructure() throws {
        try expectMatches(LiftedStructureLoss(), tuples: nil, case: "lifted_structure")
    }

    @Test func liftedStructureWithSemihardMiner() throws {
        try expectMatches(LiftedStructureLoss(), tuples: mine(TripletMarginMiner(margin: 0.2, type: .semihard)),
                          case: "lifted_structure_semihard")
    }

    @Test func histogram() throws {
        try expectMatches(HistogramLoss(), tuples: nil, case: "histogram")
    }

    @Test func histogramWithSemihardMinerAndTenBins() throws {
        try expectMatches(HistogramLoss(bins: 10), tuples: mine(TripletMarginMiner(margin: 0.2, type: .semihard)),
                          case: "histogram_semihard")
    }

    @Test func smoothAP() throws {
        let expected = try reference("smooth_ap")
        let order = try #require(expected.order)
        let evaluation = SmoothAPLoss().evaluate(embeddings: embeddings.rows(order), labels: order.map { labels[$0] },
                                                 tuples: nil, parameterValues: [])
        #expect(relative(evaluation.value, try #require(expected.value)) < 1e-5, "\(evaluation.value)")
        #expect(GradientCheck.relativeError(evaluation.gradient, Matrix(try #require(expected.gradient))) < 1e-5)
    }
}
