import Testing
import DMLXCore
import DMLXEngine

/// `MetricSuite.evaluate(index:)`: the scores from a `NeighborIndex`'s lists.
@Suite struct MetricSuiteIndexTests {
    let suite = MetricSuiteTests()

    func index(_ points: Matrix<Float>, _ kind: NeighborIndexKind, _ parameters: String = "") throws -> NeighborIndex {
        let parsed = parameters.isEmpty ? NeighborIndexParameters() : try NeighborIndexParameters(parsing: parameters, for: kind)
        return try #require(try NeighborIndex.build(points, choice: NeighborIndexChoice(kind: kind, parameters: parsed), threads: 2))
    }

    /// 700 rows in 3 classes search R ≈ 233 deep, across two query blocks of the exact search.
    @Test func anExactIndexScoresAsTheExactSuiteToTheLastBit() throws {
        let (points, labels) = suite.randomSet(rows: 700, cols: 6, classes: 3, seed: 2)
        let direct = MetricSuite.evaluate(embeddings: points, labels: labels, seed: 0, threads: 2)
        #expect(try MetricSuite.evaluate(index: index(points, .exact), labels: labels, seed: 0) == direct)
    }

    /// One IVF cell scans every point: the naive scores, from faiss's lists.
    @Test func aSingleCellIVFScoresAsTheNaiveDefinitions() throws {
        let (points, labels) = suite.randomSet(rows: 400, cols: 4, classes: 5, seed: 1)
        let naive = MetricSuiteTests.Naive(points, labels: labels)
        let metrics = try MetricSuite.evaluate(index: index(points, .ivf, "nlist=1"), labels: labels, seed: 0, clusters: labels)
        #expect(abs(metrics.mapAtR - naive.mapAtR) < 1e-12 && abs(metrics.rPrecision - naive.rPrecision) < 1e-12)
        #expect(abs(metrics.precisionAt1 - naive.precisionAt1) < 1e-12 && abs(metrics.knnAccuracy - naive.knnAccuracy) < 1e-12)
        let largestClass = Dictionary(grouping: labels) { $0 }.values.map(\.count).max()!
        #expect(MetricSuite.neighborCount(for: labels) == max(8, largestClass - 1))
        #expect(MetricSuite.neighborCount(for: [0, 0, 1]) == 2, "capped at the other samples")
    }
}
