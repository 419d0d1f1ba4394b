import Testing
import DMLXCore
import DMLXEngine

@Suite struct MetricSuiteTests {
    /// An independent O(N²) reference: every query sorts all other samples by Double
    /// distance (ties by index), then the metrics are counted straight from the
    /// definitions in RetrievalScores' documentation.
    struct Naive {
        var recallAt = [Int: Double]()
        var precisionAt1 = 0.0
        var rPrecision = 0.0
        var mapAtR = 0.0
        var knnAccuracy = 0.0

        init(_ points: Matrix<Float>, labels: [Int]) {
            let n = labels.count
            var answerable = 0.0
            var recallHits = [Int: Double]()
            var knnHits = 0.0
            for query in 0..<n {
                let order = (0..<n).filter { $0 != query }.sorted {
                    (distance(points, query, $0), $0) < (distance(points, query, $1), $1)
                }
                let same = order.map { labels[$0] == labels[query] }
                let threeLabels = order.prefix(3).map { labels[$0] }
                let counts = threeLabels.map { label in threeLabels.filter { $0 == label }.count }
                if threeLabels[counts.firstIndex(of: counts.max()!)!] == labels[query] { knnHits += 1 }
                let r = same.filter { $0 }.count
                if r == 0 { continue }
                answerable += 1
                for k in [1, 2, 4, 8] where same.prefix(k).contains(true) { recallHits[k, default: 0] += 1 }
                if same[0] { precisionAt1 += 1 }
                rPrecision += Double(same.prefix(r).filter { $0 }.count) / Double(r)
                var averagePrecision = 0.0
                for i in 0..<r where same[i] {
                    averagePrecision += Double(same.prefix(i + 1).filter { $0 }.count) / Double(i + 1)
                }
                mapAtR += averagePrecision / Double(r)
            }
            recallAt = recallHits.mapValues { $0 / answerable }
            precisionAt1 /= answerable
            rPrecision /= answerable
            mapAtR /= answerable
            knnAccuracy = knnHits / Double(n)
        }

        func distance(_ points: Matrix<Float>, _ a: Int, _ b: Int) -> Double {
            zip(points.row(a), points.row(b)).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
        }
    }

    func randomSet(rows: Int, cols: Int, classes: Int, seed: UInt64) -> (Matrix<Float>, [Int]) {
        var generator = SeededGenerator(seed: seed)
        let labels = (0..<rows).map { _ in Int(generator.next() % UInt64(classes)) }
        let storage = (0..<(rows * cols)).map { index in Float(generator.nextGaussian() + 0.8 * Double(labels[index / cols])) }
        return (Matrix(rows: rows, cols: cols, storage: storage), labels)
    }

    @Test(arguments: [(400, 4, 5, UInt64(1)), (700, 6, 3, UInt64(2)), (150, 2, 40, UInt64(3))])
    func agreesWithNaiveSortOfAllDistances(rows: Int, cols: Int, classes: Int, seed: UInt64) {
        // 700 rows with 3 classes make R ≈ 233 > 8 and two symmetric blocks; 40 classes in
        // 150 rows leave some classes lone.
        let (points, labels) = randomSet(rows: rows, cols: cols, classes: classes, seed: seed)
        let naive = Naive(points, labels: labels)
        let metrics = MetricSuite.evaluate(embeddings: points, labels: labels, seed: 0, threads: 2, clusters: labels)
        #expect(abs(metrics.precisionAt1 - naive.precisionAt1) < 1e-12)
        #expect(abs(metrics.rPrecision - naive.rPrecision) < 1e-12)
        #expect(abs(metrics.mapAtR - naive.mapAtR) < 1e-12)
        #expect(abs(metrics.knnAccuracy - naive.knnAccuracy) < 1e-12)
        for k in RetrievalMetrics.recallKs {
            #expect(abs(metrics.recallAt[k]! - naive.recallAt[k, default: 0]) < 1e-12)
        }
        #expect(metrics.nmi == 1 && metrics.ami == 1)
    }

    @Test(arguments: MetricsFixtures.retrieval.map(\.name))
    func matchesReferenceLibrariesWithGivenClusters(name: String) {
        let fixture = MetricsFixtures.retrieval.first { $0.name == name }!
        let metrics = MetricSuite.evaluate(embeddings: fixture.matrix, labels: fixture.labels, seed: 0, clusters: fixture.clusters)
        #expect(abs(metrics.mapAtR - fixture.mapAtR) < 1e-4)
        #expect(abs(metrics.recallAt[1]! - fixture.precisionAt1) < 1e-4)
        #expect(abs(metrics.nmi - fixture.nmi) < 1e-6)
        #expect(abs(metrics.ami - fixture.ami) < 1e-6)
    }

    @Test func kMeansClustersWhenNoneAreGivenAndIsDeterministic() {
        let fixture = MetricsFixtures.retrieval.first { $0.name == "clustered" }!
        let first = MetricSuite.evaluate(embeddings: fixture.matrix, labels: fixture.labels, seed: 17)
        let second = MetricSuite.evaluate(embeddings: fixture.matrix, labels: fixture.labels, seed: 17, threads: 2)
        #expect(first == second)
        // Six well-separated classes: k-means with k = 6 finds most of them.
        #expect(first.nmi > 0.7 && first.ami > 0.7)
    }

    /// The abandonable form hears a rising share ending at 1, gives the same metrics, and
    /// stops (nil) at the first false, during the search or during k-means.
    @Test func progressRisesToOneAndFalseAbandons() throws {
        let fixture = MetricsFixtures.retrieval.first { $0.name == "clustered" }!
        var shares: [Double] = []
        let index = NeighborIndex.exact(fixture.matrix)
        let heard = try MetricSuite.evaluate(index: index, labels: fixture.labels, seed: 17,
                                             abandoningWhen: { shares.append($0); return true })
        #expect(heard == MetricSuite.evaluate(embeddings: fixture.matrix, labels: fixture.labels, seed: 17))
        #expect(shares == shares.sorted() && shares.first! <= 0.9 && shares.contains { $0 > 0.9 })
        for stop in [0, shares.firstIndex { $0 > 0.9 }!] {
            var calls = 0
            let abandoned = try MetricSuite.evaluate(index: index, labels: fixture.labels, seed: 17,
                                                     abandoningWhen: { _ in defer { calls += 1 }; return calls < stop })
            #expect(abandoned == nil && calls == stop + 1)
        }
    }
}
