import DMLXCore
import DMLXEngine
import Foundation
import Testing

/// Fewer proxies than classes and static versus dynamic proxy assignment in Proxy-NCA
/// (Movshovitz-Attias et al. 2017, §3.2), on inputs small enough to work out by hand.
@Suite struct ProxyAssignmentTests {
    private func make(_ configuration: LossConfiguration, classes: [Int], dimension: Int = 2) throws -> ProxyNCALoss {
        var generator = SeededGenerator(seed: 1)
        return try #require(try LossRegistry.makeLoss(configuration, classes: classes, embeddingDimension: dimension,
                                                      generator: &generator) as? ProxyNCALoss)
    }

    @Test func halfAProxyPerClassSharesProxiesRoundRobin() throws {
        let loss = try make(LossConfiguration(name: "proxy-nca", proxiesPerClass: 0.5), classes: [3, 5, 7, 9, 11])
        // ⌈0.5 · 5⌉ = 3 proxies; classes 3 and 9 share row 0, 5 and 11 row 1, 7 has row 2.
        #expect(loss.proxies.value.rows == 3)
        #expect(loss.proxyLabels == [3, 5, 7])
        #expect(loss.configuration.proxiesPerClass == 0.5 && loss.configuration.proxyAssignment == .static)
    }

    @Test func classesSharingTheirOnlyProxyAreNotPushedApart() throws {
        // One proxy for two classes: in the NCA form each term's softmax holds only the
        // positive, so the loss is exactly 0 however the points lie.
        let loss = try make(LossConfiguration(name: "proxy-nca", proxiesPerClass: 0.5), classes: [0, 1])
        let embeddings = Matrix<Double>([[1, 0.1], [0.1, 1], [1, 0]])
        let evaluation = loss.evaluate(embeddings: embeddings, labels: [0, 0, 1], tuples: nil,
                                       parameterValues: [Matrix([[1, 0]])])
        #expect(evaluation.value == 0)
    }

    @Test func staticAndDynamicAssignmentMatchHandComputedValues() throws {
        let embeddings = Matrix<Double>([[1, 0.1], [0.1, 1], [1, 0]])
        let labels = [0, 0, 1]
        let proxies = Matrix<Double>([[1, 0], [0, 1]])
        // With z = −‖x̂ − p‖², a term is log(1 + e^{z_negative − z_positive}); x̂₀ is 1.8/√1.01
        // closer (in z) to proxy 0 than to proxy 1, and x̂₁ likewise closer to proxy 1.
        let gap = 1.8 / sqrt(1.01)
        // Static: class 0 owns proxy 0, class 1 proxy 1; in rows 0, 1, 2 the negative leads by −gap, +gap and 2.
        let staticLoss = try make(LossConfiguration(name: "proxy-nca"), classes: [0, 1])
        let staticValue = staticLoss.evaluate(embeddings: embeddings, labels: labels, tuples: nil,
                                              parameterValues: [proxies]).value
        let expectedStatic = (log(1 + exp(-gap)) + log(1 + exp(gap)) + log(1 + exp(2))) / 3
        #expect(abs(staticValue - expectedStatic) < 1e-12)
        // Dynamic: p(x₀) = proxy 0, p(x₁) = proxy 1, p(x₂) = proxy 0. Anchor 0 with positive 1:
        // positive proxy 1, negatives {p(x₂)} = {proxy 0}, to which x̂₀ is nearer by gap.
        // Anchor 1 with positive 0: positive proxy 0, negatives {proxy 0}, the same proxy
        // twice in the softmax: log 2. Anchor 2 has no positive.
        let dynamicLoss = try make(LossConfiguration(name: "proxy-nca", proxyAssignment: .dynamic), classes: [0, 1])
        let dynamicValue = dynamicLoss.evaluate(embeddings: embeddings, labels: labels, tuples: nil,
                                                parameterValues: [proxies]).value
        #expect(abs(dynamicValue - (log(1 + exp(gap)) + log(2)) / 2) < 1e-12)
    }

    @Test func invalidProxyCountsAreRejected() throws {
        for count in [0, -1, 1.5, 2.25] {
            #expect(throws: LossRegistryError.self) {
                try make(LossConfiguration(name: "proxy-nca", proxiesPerClass: count), classes: [0, 1])
            }
        }
    }

    @Test func savedIntegerProxyCountsStillDecode() throws {
        let json = #"{"name": "proxy-nca", "proxiesPerClass": 2, "proxyForm": "paper"}"#
        let decoded = try JSONDecoder().decode(LossConfiguration.self, from: Data(json.utf8))
        #expect(decoded == LossConfiguration(name: "proxy-nca", proxiesPerClass: 2, proxyForm: .paper))
        let loss = try make(decoded, classes: [0, 1, 2])
        #expect(loss.proxyLabels == [0, 0, 1, 1, 2, 2])
        let fractional = LossConfiguration(name: "proxy-nca", proxiesPerClass: 0.5, proxyAssignment: .dynamic)
        #expect(try JSONDecoder().decode(LossConfiguration.self, from: JSONEncoder().encode(fractional)) == fractional)
    }
}
