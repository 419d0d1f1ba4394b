import DMLXCore
import DMLXEngine
import Foundation
import Testing

/// What the registry's proxy losses share: proxies per class in their own learning-rate
/// group, drawn from the run's seed, at the scale each loss documents.
@Suite struct ProxyLossCatalogueTests {
    static let proxyLossNames = LossRegistry.losses.map { $0.descriptor }.filter { $0.family == .proxies }.map(\.name)

    func make(_ name: String, classes: [Int], dimension: Int, seed: UInt64 = 1) throws -> any ProxyBasedLoss {
        var generator = SeededGenerator(seed: seed)
        return try #require(try LossRegistry.makeLoss(LossConfiguration(name: name), classes: classes,
                                                      embeddingDimension: dimension, generator: &generator)
            as? any ProxyBasedLoss)
    }

    @Test func everyProxyFamilyLossOwnsProxies() throws {
        #expect(Self.proxyLossNames == ["proxy-nca", "proxy-anchor", "normalized-softmax", "proxy-ranking"])
        for name in Self.proxyLossNames {
            let loss = try make(name, classes: [3, 5, 7], dimension: 4)
            #expect(loss.proxies.group == .proxies, "\(name)")
            #expect(loss.proxyLabels == [3, 5, 7] && loss.proxies.value.rows == 3 && loss.proxies.value.cols == 4)
            #expect(loss.parameters.count == 1 && loss.parameters[0] === loss.proxies)
            #expect(try make(name, classes: [3, 5, 7], dimension: 4).proxies.value == loss.proxies.value)
            #expect(try make(name, classes: [3, 5, 7], dimension: 4, seed: 2).proxies.value != loss.proxies.value)
        }
    }

    /// PML draws Proxy-Anchor's proxies with kaiming_normal_(mode="fan_out"): N(0, 2/classes).
    @Test func proxyAnchorProxiesHaveKaimingScale() throws {
        let proxies = try make("proxy-anchor", classes: Array(0..<50), dimension: 200).proxies.value.storage
        let deviation = (proxies.reduce(0) { $0 + Double($1) * Double($1) } / Double(proxies.count)).squareRoot()
        #expect(abs(deviation - 0.2) < 0.005)  // √(2/50) = 0.2; 10⁴ draws estimate it within about 0.7%
        let ones = try make("proxy-nca", classes: Array(0..<50), dimension: 200).proxies.value.storage
        #expect(abs((ones.reduce(0) { $0 + Double($1) * Double($1) } / Double(ones.count)).squareRoot() - 1) < 0.025)
    }

    /// x₀ = (1, 0) sits on its proxy and far from the other: no violation. x₁ = (0, 1), of
    /// the same class, sits on the other class's proxy: [√2 − 0 + 0.2]₊.
    @Test func proxyRankingByHand() {
        var generator = SeededGenerator(seed: 0)
        let loss = ProxyRankingLoss(classes: [0, 1], embeddingDimension: 2, generator: &generator)
        let evaluation = loss.evaluate(embeddings: Matrix([[1, 0], [0, 1]]), labels: [0, 0], tuples: nil,
                                       parameterValues: [Matrix([[1, 0], [0, 1]])])
        #expect(abs(evaluation.value - (2.0.squareRoot() + 0.2)) < 1e-12)
        #expect(evaluation.statistics["tuples"] == 2 && evaluation.statistics["active"] == 1)
    }
}
