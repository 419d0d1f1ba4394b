import DMLXCore
import DMLXEngine
import Foundation
import Testing

@Suite struct LossRegistryTests {
    func make(_ configuration: LossConfiguration, seed: UInt64 = 1) throws -> any MetricLoss {
        var generator = SeededGenerator(seed: seed)
        return try LossRegistry.makeLoss(configuration, classes: [3, 5, 7], embeddingDimension: 4, generator: &generator)
    }

    @Test func listsEveryLossAndMinerWithDocumentation() {
        #expect(LossRegistry.lossNames == ["contrastive", "triplet", "proxy-nca", "multi-similarity", "proxy-anchor",
                                           "normalized-softmax", "n-pairs", "ntxent", "lifted-structure",
                                           "contrastive-squared", "triplet-squared", "pairwise-hinge", "soft-pairwise",
                                           "histogram", "smooth-ap", "proxy-ranking"])
        #expect(LossRegistry.minerNames == ["none", "all", "hard", "semihard", "margin-hard", "easy", "random",
                                            "distance-weighted", "multi-similarity", "offline-hard"])
        let descriptors = LossRegistry.losses.map { $0.descriptor } + LossRegistry.miners.map(\.description)
        #expect(descriptors.allSatisfy { !$0.formula.isEmpty && !$0.defaults.isEmpty && !$0.paper.isEmpty })
    }

    @Test func unknownNamesListTheValidOnes() {
        #expect(throws: LossRegistryError.unknownLoss("npair", valid: LossRegistry.lossNames)) {
            try make(LossConfiguration(name: "npair"))
        }
        #expect(throws: LossRegistryError.unknownMiner("hardest", valid: LossRegistry.minerNames)) {
            try LossRegistry.makeMiner(name: "hardest", margin: nil)
        }
        #expect(LossRegistryError.unknownLoss("x", valid: ["a", "b"]).description == "unknown loss 'x'; valid losses: a, b")
    }

    @Test func minersAreBuiltByName() throws {
        #expect(try LossRegistry.makeMiner(name: "none", margin: nil) == nil)
        for name in LossRegistry.minerNames.dropFirst() {
            #expect(try LossRegistry.makeMiner(name: name, margin: nil)?.name == name)
        }
        let semihard = try #require(try LossRegistry.makeMiner(name: "semihard", margin: 0.3) as? TripletMarginMiner)
        #expect(semihard.margin == 0.3 && semihard.type == .semihard)
        #expect(try LossRegistry.makeMiner(name: "hard", margin: nil) is BatchHardMiner)
    }

    @Test func unsetOptionsTakePMLDefaults() throws {
        let triplet = try #require(try make(LossConfiguration(name: "triplet")) as? TripletMarginLoss)
        #expect(triplet.configuration == LossConfiguration(name: "triplet", margin: 0.05, swap: false, smoothLoss: false))
        #expect((try make(LossConfiguration(name: "triplet", margin: 0.2)) as? TripletMarginLoss)?.margin == 0.2)
        let contrastive = try #require(try make(LossConfiguration(name: "contrastive", margin: 0.7)) as? ContrastiveLoss)
        #expect(contrastive.positiveMargin == 0 && contrastive.negativeMargin == 0.7)
        let multiSimilarity = try #require(try make(LossConfiguration(name: "multi-similarity")) as? MultiSimilarityLoss)
        #expect(multiSimilarity.configuration == LossConfiguration(name: "multi-similarity", alpha: 2, beta: 50, base: 0.5))
    }

    @Test func proxyNCAOwnsSeededProxiesPerClass() throws {
        let loss = try #require(try make(LossConfiguration(name: "proxy-nca", proxiesPerClass: 2)) as? ProxyNCALoss)
        #expect(loss.proxyLabels == [3, 3, 5, 5, 7, 7])
        #expect(loss.proxies.value.rows == 6 && loss.proxies.value.cols == 4 && loss.proxies.group == .proxies)
        #expect(loss.configuration == LossConfiguration(name: "proxy-nca", softmaxScale: 1, proxiesPerClass: 2, proxyForm: .nca,
                                                        proxyAssignment: .static))
        let again = try #require(try make(LossConfiguration(name: "proxy-nca", proxiesPerClass: 2)) as? ProxyNCALoss)
        let other = try #require(try make(LossConfiguration(name: "proxy-nca", proxiesPerClass: 2), seed: 2) as? ProxyNCALoss)
        #expect(loss.proxies.value == again.proxies.value && loss.proxies.value != other.proxies.value)
        // N(0, 1) entries: 24 draws, all finite, spread around zero.
        #expect(loss.proxies.value.storage.allSatisfy { abs($0) < 6 } && Set(loss.proxies.value.storage).count == 24)
        #expect(throws: LossRegistryError.self) { try make(LossConfiguration(name: "proxy-nca", proxiesPerClass: 0)) }
    }

    @Test func configurationRoundTripsThroughJSON() throws {
        let configuration = LossConfiguration(name: "proxy-nca", softmaxScale: 2, proxiesPerClass: 3, proxyForm: .paper)
        let decoded = try JSONDecoder().decode(LossConfiguration.self, from: JSONEncoder().encode(configuration))
        #expect(decoded == configuration)
    }
}
