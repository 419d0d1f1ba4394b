import DMLXCore
import DMLXEngine
import DMLXTestSupport
import Foundation
import Testing

/// Agreement with pytorch-metric-learning 2.9 itself: values and autograd gradients
/// computed by Scripts/reference/loss_fixtures.py (float64) on a fixed 16×4 batch of
/// 4 classes, committed as Fixtures/losses/pml_reference.json.
@Suite struct PMLReferenceTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            var value: Double?
            var gradient: [[Double]]?
            var proxy_gradient: [[Double]]?
            var triplets: [[Int]]?
            var pairs: [[Int]]?
            var matrix: [[Double]]?
            var upstream: [[Double]]?
            var order: [Int]?
        }
        var embeddings: [[Double]]
        var labels: [Int]
        var proxies: [[Double]]
        var cases: [String: Case]
    }

    static let fixture: Fixture = {
        let url = Bundle.module.url(forResource: "pml_reference", withExtension: "json", subdirectory: "Fixtures/losses")!
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    var embeddings: Matrix<Double> { Matrix(Self.fixture.embeddings) }
    var labels: [Int] { Self.fixture.labels }

    func reference(_ name: String) throws -> Fixture.Case { try #require(Self.fixture.cases[name]) }

    func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-12) }

    func triplets(_ columns: [[Int]]) -> [(Int, Int, Int)] {
        columns[0].indices.map { (columns[0][$0], columns[1][$0], columns[2][$0]) }
    }

    func expectMatches(_ loss: any MetricLoss, tuples: MinedTuples?, case name: String,
                       parameterValues: [Matrix<Double>] = []) throws {
        let expected = try reference(name)
        let evaluation = loss.evaluate(embeddings: embeddings, labels: labels, tuples: tuples,
                                       parameterValues: parameterValues)
        #expect(relative(evaluation.value, try #require(expected.value)) < 1e-5, "\(name): \(evaluation.value)")
        #expect(GradientCheck.relativeError(evaluation.gradient, Matrix(try #require(expected.gradient))) < 1e-5, "\(name)")
        if let proxyGradient = expected.proxy_gradient {
            #expect(GradientCheck.relativeError(evaluation.parameterGradients[0], Matrix(proxyGradient)) < 1e-5)
        }
    }

    func mine(_ miner: any Miner) -> MinedTuples {
        var generator = SeededGenerator(seed: 0)
        return miner.mine(embeddings: embeddings, labels: labels, generator: &generator).0
    }

    @Test func contrastive() throws {
        try expectMatches(ContrastiveLoss(), tuples: nil, case: "contrastive")
    }

    @Test func tripletOverAllTriplets() throws {
        try expectMatches(TripletMarginLoss(margin: 0.2), tuples: nil, case: "triplet_all_margin_0.2")
    }

    @Test func tripletWithSemihardMiner() throws {
        let tuples = mine(TripletMarginMiner(margin: 0.2, type: .semihard))
        #expect(tuples.triplets.elementsEqual(triplets(try #require(try reference("triplet_semihard_margin_0.2").triplets)), by: ==))
        try expectMatches(TripletMarginLoss(margin: 0.2), tuples: tuples, case: "triplet_semihard_margin_0.2")
    }

    @Test func tripletWithBatchHardMiner() throws {
        let tuples = mine(BatchHardMiner())
        #expect(tuples.triplets.elementsEqual(triplets(try #require(try reference("triplet_batch_hard_margin_0.2").triplets)), by: ==))
        try expectMatches(TripletMarginLoss(margin: 0.2), tuples: tuples, case: "triplet_batch_hard_margin_0.2")
    }

    @Test(arguments: [TripletMarginMiner.TripletType.all, .hard, .easy])
    func tripletMarginMinerSelectsAsPML(type: TripletMarginMiner.TripletType) throws {
        let expected = triplets(try #require(try reference("triplet_margin_miner_\(type.rawValue)").triplets))
        #expect(mine(TripletMarginMiner(margin: 0.2, type: type)).triplets.elementsEqual(expected, by: ==))
    }

    @Test func proxyNCA() throws {
        var generator = SeededGenerator(seed: 0)
        let loss = ProxyNCALoss(classes: [0, 1, 2, 3], embeddingDimension: 4, generator: &generator)
        try expectMatches(loss, tuples: nil, case: "proxy_nca", parameterValues: [Matrix(Self.fixture.proxies)])
    }

    @Test func multiSimilarity() throws {
        try expectMatches(MultiSimilarityLoss(), tuples: nil, case: "multi_similarity")
    }

    @Test func multiSimilarityWithMiner() throws {
        let tuples = mine(MultiSimilarityMiner())
        let columns = try #require(try reference("multi_similarity_mined").pairs)
        let (positive, negative) = tuples.pairs
        let sorted = { (pairs: [(Int, Int)]) in pairs.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 } }
        let expectedPositive = columns[0].indices.map { (columns[0][$0], columns[1][$0]) }
        let expectedNegative = columns[2].indices.map { (columns[2][$0], columns[3][$0]) }
        #expect(sorted(positive).elementsEqual(sorted(expectedPositive), by: ==))
        #expect(sorted(negative).elementsEqual(sorted(expectedNegative), by: ==))
        try expectMatches(MultiSimilarityLoss(), tuples: tuples, case: "multi_similarity_mined")
    }

    @Test(arguments: [
        ("lp_distance", LpDistance() as any Distance),
        ("lp_distance_power_2", LpDistance(power: 2)),
        ("cosine_similarity", CosineSimilarity()),
        ("dot_product_unnormalized", DotProductSimilarity(normalizeEmbeddings: false)),
    ])
    func distanceMatrixAndBackward(name: String, distance: any Distance) throws {
        let expected = try reference(name)
        let matrix = distance.matrix(embeddings)
        #expect(GradientCheck.relativeError(matrix, Matrix(try #require(expected.matrix))) < 1e-10)
        let gradient = distance.backward(embeddings, upstream: Matrix(try #require(expected.upstream)))
        #expect(GradientCheck.relativeError(gradient, Matrix(try #require(expected.gradient))) < 1e-5)
    }
}
