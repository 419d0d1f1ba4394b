import DMLXCore
import DMLXEngine
import DMLXTestSupport
import Testing

/// The one conformance test every registered loss must pass (DESIGN.md, "Losses,
/// miners, gradients"): for each loss and option variant, with every tuple source (no
/// miner, then each registered miner, its tuples frozen), the analytic gradients match
/// central differences, the value matches the naive reference, and an empty set of
/// tuples gives exactly zero.
@Suite struct LossConformanceTests {
    static let classes = [0, 1, 2]
    static let batchLabels = [0, 1, 2, 0, 1, 2, 0, 1, 2]
    static let dimension = 5

    /// Every registered loss with its defaults, plus the options that change its code path.
    static let variants: [LossConfiguration] = LossRegistry.losses.flatMap { type -> [LossConfiguration] in
        let name = type.descriptor.name
        let extra: [LossConfiguration] = switch name {
        case "contrastive": [LossConfiguration(name: name, positiveMargin: 0.2, negativeMargin: 0.8)]
        case "triplet": [LossConfiguration(name: name, margin: 0.2), LossConfiguration(name: name, margin: 0.2, swap: true),
                         LossConfiguration(name: name, smoothLoss: true)]
        case "proxy-nca": [LossConfiguration(name: name, proxyForm: .paper),
                           LossConfiguration(name: name, softmaxScale: 3, proxiesPerClass: 3),
                           LossConfiguration(name: name, proxiesPerClass: 2, proxyForm: .paper),
                           LossConfiguration(name: name, proxiesPerClass: 0.5),
                           LossConfiguration(name: name, proxiesPerClass: 0.5, proxyForm: .paper),
                           LossConfiguration(name: name, proxyAssignment: .dynamic),
                           LossConfiguration(name: name, proxiesPerClass: 2, proxyAssignment: .dynamic),
                           LossConfiguration(name: name, proxiesPerClass: 0.5, proxyForm: .paper, proxyAssignment: .dynamic)]
        case "multi-similarity": [LossConfiguration(name: name, alpha: 1, beta: 10, base: 0.2)]
        case "proxy-anchor": [LossConfiguration(name: name, margin: 0.3, alpha: 4)]
        case "normalized-softmax": [LossConfiguration(name: name, softmaxScale: 2)]
        case "ntxent": [LossConfiguration(name: name, softmaxScale: 2)]
        case "lifted-structure": [LossConfiguration(name: name, positiveMargin: 0.3, negativeMargin: 0.5)]
        case "contrastive-squared": [LossConfiguration(name: name, negativeMargin: 1.5)]
        case "triplet-squared", "pairwise-hinge", "soft-pairwise": [LossConfiguration(name: name, margin: 0.5)]
        case "histogram": [LossConfiguration(name: name, bins: 7)]
        case "smooth-ap": [LossConfiguration(name: name, softmaxScale: 5)]
        case "proxy-ranking": [LossConfiguration(name: name, margin: 1)]
        default: []
        }
        return [LossConfiguration(name: name)] + extra
    }

    static let minerNames = LossRegistry.minerNames

    private static func make(_ configuration: LossConfiguration, seed: UInt64) throws -> any RegisteredLoss {
        var generator = SeededGenerator(seed: seed)
        return try #require(LossRegistry.makeLoss(configuration, classes: classes, embeddingDimension: dimension,
                                                  generator: &generator) as? any RegisteredLoss)
    }

    private static func gaussian(rows: Int, cols: Int, _ generator: inout SeededGenerator) -> Matrix<Double> {
        Matrix(rows: rows, cols: cols, storage: (0..<(rows * cols)).map { _ in generator.nextGaussian() })
    }

    @Test(arguments: variants, minerNames)
    func gradientsAndNaiveReferenceAgree(configuration: LossConfiguration, minerName: String) throws {
        let loss = try Self.make(configuration, seed: 7)
        let miner = try LossRegistry.makeMiner(name: minerName, margin: nil)
        let parameterValues = loss.parameters.map { Matrix<Double>($0.value) }
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<200 {
            let embeddings = Self.gaussian(rows: Self.batchLabels.count, cols: Self.dimension, &generator)
            let tuples = miner?.mine(embeddings: embeddings, labels: Self.batchLabels, generator: &generator).0
            let evaluation = loss.evaluate(embeddings: embeddings, labels: Self.batchLabels, tuples: tuples,
                                           parameterValues: parameterValues)
            guard evaluation.nearestKink >= 1e-3 else { continue }
            // On a flat plateau at a non-zero value (the histogram loss when every negative
            // is more similar than every positive) central differences measure only the
            // rounding of that value, which the checker's 1e-8 scale floor magnifies.
            let flat = evaluation.gradient.storage.allSatisfy { $0 == 0 }
                && evaluation.parameterGradients.allSatisfy { $0.storage.allSatisfy { $0 == 0 } }
            guard !flat || evaluation.value == 0 else { continue }

            let errors = GradientCheck.lossErrors(loss, embeddings: embeddings, labels: Self.batchLabels,
                                                  tuples: tuples, parameterValues: parameterValues)
            #expect(errors.allSatisfy { $0 < 1e-5 }, "gradient errors \(errors)")
            let naive = try #require(NaiveLoss.value(loss.configuration, classes: Self.classes, embeddings: embeddings,
                                                     labels: Self.batchLabels, tuples: tuples,
                                                     parameterValues: parameterValues),
                                     "no naive reference for \(configuration.name)")
            #expect(abs(evaluation.value - naive) <= 1e-10 * max(1, abs(naive)), "\(evaluation.value) vs naive \(naive)")
            #expect(evaluation.value.isFinite && evaluation.gradient.isFinite)
            #expect(evaluation.statistics["tuples"] != nil && evaluation.statistics["active"] != nil)
            return
        }
        Issue.record("no input away from kinks in 200 draws")
    }

    @Test(arguments: variants)
    func emptyTuplesGiveZeroWithoutNaN(configuration: LossConfiguration) throws {
        let loss = try Self.make(configuration, seed: 3)
        let parameterValues = loss.parameters.map { Matrix<Double>($0.value) }
        var generator = SeededGenerator(seed: 5)
        let embeddings = Self.gaussian(rows: 6, cols: Self.dimension, &generator)
        let labels = [0, 1, 2, 0, 1, 2]
        let cases: [(Matrix<Double>, [Int], MinedTuples?)] = [
            (embeddings, labels, .triplets([])),
            (embeddings, labels, .pairs(positive: [], negative: [])),
            (Matrix(rows: 1, cols: Self.dimension), [42], nil),  // one zero embedding of a class without proxies
        ]
        for (input, inputLabels, tuples) in cases {
            let evaluation = loss.evaluate(embeddings: input, labels: inputLabels, tuples: tuples,
                                           parameterValues: parameterValues)
            #expect(evaluation.value == 0)
            #expect(evaluation.gradient.storage.allSatisfy { $0 == 0 })
            #expect(evaluation.parameterGradients.allSatisfy { $0.storage.allSatisfy { $0 == 0 } })
            #expect(evaluation.parameterGradients.count == parameterValues.count)
        }
    }

    @Test func evaluateAddsProxyGradientsIntoParameters() throws {
        let loss = try Self.make(LossConfiguration(name: "proxy-nca"), seed: 1)
        var generator = SeededGenerator(seed: 2)
        let embeddings = Self.gaussian(rows: 6, cols: Self.dimension, &generator)
        let labels = [0, 1, 2, 0, 1, 2]
        let proxies = try #require(loss.parameters.first)
        #expect(proxies.group == .proxies)
        let pure = loss.evaluate(embeddings: embeddings, labels: labels, tuples: nil,
                                 parameterValues: [Matrix<Double>(proxies.value)])
        _ = loss.evaluate(embeddings: embeddings, labels: labels, tuples: nil)
        _ = loss.evaluate(embeddings: embeddings, labels: labels, tuples: nil)
        let expected = pure.parameterGradients[0].storage.map { Float(2 * $0) }
        #expect(zip(proxies.gradient.storage, expected).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) })
    }
}

extension LossConfiguration: CustomTestStringConvertible {
    public var testDescription: String {
        let options: [(String, Any?)] = [
            ("margin", margin), ("positiveMargin", positiveMargin), ("negativeMargin", negativeMargin), ("swap", swap),
            ("smoothLoss", smoothLoss), ("softmaxScale", softmaxScale), ("proxiesPerClass", proxiesPerClass),
            ("proxyForm", proxyForm?.rawValue), ("proxyAssignment", proxyAssignment?.rawValue), ("alpha", alpha), ("beta", beta),
            ("base", base), ("bins", bins),
        ]
        return ([name] + options.compactMap { key, value in value.map { "\(key) \($0)" } }).joined(separator: ", ")
    }
}
