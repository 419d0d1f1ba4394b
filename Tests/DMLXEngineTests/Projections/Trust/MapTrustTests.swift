import Foundation
import Testing
import DMLXCore
import DMLXEngine
import DMLXTestSupport

@Suite struct MapTrustTests {
    struct Fixture: Decodable {
        let name: String
        let embedding: [[Float]]
        let layout: [[Float]]
        let k: Int
        let trustworthiness: Double
    }

    static let fixtures: [Fixture] = {
        struct File: Decodable { let cases: [Fixture] }
        let url = Bundle.module.url(forResource: "trustworthiness", withExtension: "json", subdirectory: "Fixtures/trust")!
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }()

    func trust(_ embedding: Matrix<Float>, _ layout: Matrix<Float>, k: Int, stored: Int, queries: [Int]? = nil) -> MapTrust? {
        let neighbors = NearestNeighbors.search(queries: embedding, references: embedding, k: stored, excludeSelf: true)
        return MapTrust.measure(embedding: embedding, layout: layout, embeddingNeighbors: neighbors, k: k, queries: queries)
    }

    @Test(arguments: fixtures.map(\.name))
    func trustworthinessEqualsScikitLearns(name: String) throws {
        let fixture = try #require(Self.fixtures.first { $0.name == name })
        let (embedding, layout) = (Matrix(fixture.embedding), Matrix(fixture.layout))
        // Stored lists of k (every other rank counted) and of 3k (most ranks looked up)
        // must give the same, scikit-learn's, value.
        for stored in [fixture.k, 3 * fixture.k] {
            let measured = try #require(trust(embedding, layout, k: fixture.k, stored: stored))
            #expect(abs(measured.trustworthiness - fixture.trustworthiness) < 1e-6,
                    "\(name), \(stored) stored: \(measured.trustworthiness) vs scikit-learn's \(fixture.trustworthiness)")
            #expect(measured.scoredPoints == embedding.rows && !measured.isSampled)
        }
    }

    @Test func neighborsKeptAndTrustworthinessEqualTheNaiveDefinitions() throws {
        let fixture = try #require(Self.fixtures.first { $0.name == "digits300-shifted-k10" })
        let (embedding, layout) = (Matrix(fixture.embedding), Matrix(fixture.layout))
        let measured = try #require(trust(embedding, layout, k: 10, stored: 30))
        #expect(abs(measured.neighborsKept - NaiveTrust.neighborsKept(embedding: embedding, layout: layout, k: 10)) < 1e-12)
        #expect(abs(measured.trustworthiness - NaiveTrust.trustworthiness(embedding: embedding, layout: layout, k: 10)) < 1e-12)
    }

    @Test func aMapThatIsTheEmbeddingIsFullyTrusted() throws {
        var generator = SeededGenerator(seed: 3)
        let plane = Matrix<Float>(rows: 200, cols: 2, storage: (0..<400).map { _ in Float(generator.nextGaussian()) })
        let measured = try #require(trust(plane, plane, k: 10, stored: 10))
        #expect(measured.trustworthiness == 1 && measured.neighborsKept == 1)
    }

    @Test func aSampleOfQueriesScoresThoseQueriesOnly() throws {
        let fixture = try #require(Self.fixtures.first { $0.name == "digits300-pca-k10" })
        let (embedding, layout) = (Matrix(fixture.embedding), Matrix(fixture.layout))
        let all = try #require(trust(embedding, layout, k: 10, stored: 30))
        let sample = try #require(trust(embedding, layout, k: 10, stored: 30, queries: Array(stride(from: 0, to: 300, by: 3))))
        #expect(sample.isSampled && sample.scoredPoints == 100 && sample.pointCount == 300)
        #expect(sample.trustworthiness != all.trustworthiness && abs(sample.trustworthiness - all.trustworthiness) < 0.02)
    }

    /// A sample's own lists (what a linear map searches) score as the full graph's rows
    /// of the same points do, with fewer stored neighbours too.
    @Test func theSampledPointsOwnListsScoreAsTheFullGraph() throws {
        let fixture = try #require(Self.fixtures.first)
        let (embedding, layout) = (Matrix(fixture.embedding), Matrix(fixture.layout))
        let queries = Array(stride(from: 1, to: embedding.rows, by: 4))
        let full = try #require(trust(embedding, layout, k: 10, stored: 30, queries: queries))
        let own = NeighborIndex.exact(embedding).exactNeighbors(of: queries, k: 10)
        #expect(own.count == queries.count)
        #expect(MapTrust.measure(embedding: embedding, layout: layout, embeddingNeighbors: own, k: 10, queries: queries) == full)
    }

    @Test func undefinedWhenKIsHalfThePointsOrMore() {
        let points = Matrix<Float>([[0, 0], [1, 0], [0, 1], [1, 1]])
        #expect(trust(points, points, k: 2, stored: 2) == nil)
        #expect(trust(points, points, k: 1, stored: 2) != nil)
    }
}
