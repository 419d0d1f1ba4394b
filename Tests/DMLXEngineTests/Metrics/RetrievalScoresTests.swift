import Testing
import DMLXCore
import DMLXEngine

@Suite struct RetrievalScoresTests {
    /// Neighbour lists given by hand: `orders[q]` lists every other sample, nearest first.
    func scores(labels: [Int], orders: [[Int32]]) -> RetrievalScores {
        let k = orders[0].count
        let lists = NeighborLists(count: orders.count, k: k, indices: orders.flatMap { $0 },
                                  distances: orders.flatMap { $0.indices.map { Float($0) } })
        return RetrievalScores(neighbors: lists, labels: labels)
    }

    @Test func handComputedWithALoneQuery() {
        // labels 0,0,0,1,1,2 — query 5 is lone (class 2 has no other member) and left out,
        // so 5 queries count. Matches (T = same label) in each order, and R:
        //   q0 [3,1,4,2,5] F T F T F  R=2: R-prec 1/2, AP@R (1/2)(1/2) = 1/4, first hit rank 2
        //   q1 [0,2,3,4,5] T T F F F  R=2: R-prec 1,   AP@R (1/2)(1 + 1) = 1,  first hit rank 1
        //   q2 [5,3,4,0,1] F F F T T  R=2: R-prec 0,   AP@R 0,                first hit rank 4
        //   q3 [4,0,1,2,5] T F F F F  R=1: R-prec 1,   AP@R 1,                first hit rank 1
        //   q4 [0,3,1,2,5] F T F F F  R=1: R-prec 0,   AP@R 0,                first hit rank 2
        // P@1 = 2/5; R-prec = 2.5/5 = 0.5; MAP@R = 2.25/5 = 0.45;
        // Recall@1 = 2/5, @2 = 4/5, @4 = @8 = 5/5.
        let result = scores(labels: [0, 0, 0, 1, 1, 2], orders: [
            [3, 1, 4, 2, 5], [0, 2, 3, 4, 5], [5, 3, 4, 0, 1], [4, 0, 1, 2, 5], [0, 3, 1, 2, 5], [0, 1, 2, 3, 4],
        ])
        #expect(abs(result.precisionAt1 - 0.4) < 1e-12)
        #expect(abs(result.rPrecision - 0.5) < 1e-12)
        #expect(abs(result.mapAtR - 0.45) < 1e-12)
        #expect(result.recallAt == [1: 0.4, 2: 0.8, 4: 1, 8: 1])
    }

    @Test func handComputedWithRThree() {
        // labels 0,0,0,0,1,1:
        //   q0 [1,4,2,5,3] T F T F T  R=3: R-prec 2/3, AP@R (1/3)(1/1 + 2/3) = 5/9
        //   q1 [0,2,3,4,5] T T T      R=3: R-prec 1,   AP@R 1
        //   q2 [4,5,0,1,3] F F T      R=3: R-prec 1/3, AP@R (1/3)(1/3) = 1/9
        //   q3 [4,0,5,1,2] F T F      R=3: R-prec 1/3, AP@R (1/3)(1/2) = 1/6
        //   q4 [5,0,1,2,3] T          R=1: R-prec 1,   AP@R 1
        //   q5 [0,1,4,2,3] F          R=1: R-prec 0,   AP@R 0 (first hit at rank 3)
        // P@1 = 3/6; R-prec = (2/3 + 1 + 1/3 + 1/3 + 1 + 0)/6 = 5/9;
        // MAP@R = (5/9 + 1 + 1/9 + 1/6 + 1 + 0)/6 = 17/36;
        // Recall@1 = 3/6, @2 = 4/6 (q2, q5 miss), @4 = 6/6.
        let result = scores(labels: [0, 0, 0, 0, 1, 1], orders: [
            [1, 4, 2, 5, 3], [0, 2, 3, 4, 5], [4, 5, 0, 1, 3], [4, 0, 5, 1, 2], [5, 0, 1, 2, 3], [0, 1, 4, 2, 3],
        ])
        #expect(abs(result.precisionAt1 - 0.5) < 1e-12)
        #expect(abs(result.rPrecision - 5.0 / 9) < 1e-12)
        #expect(abs(result.mapAtR - 17.0 / 36) < 1e-12)
        #expect(abs(result.recallAt[2]! - 4.0 / 6) < 1e-12)
        #expect(result.recallAt[4] == 1)
    }

    @Test func everyQueryLoneGivesNaNAsPML() {
        let result = scores(labels: [0, 1, 2], orders: [[1, 2], [0, 2], [0, 1]])
        #expect(result.precisionAt1.isNaN && result.mapAtR.isNaN && result.rPrecision.isNaN)
    }

    @Test func neighborCountIsLargestRButAtLeastEight() {
        #expect(RetrievalScores.neighborCount(for: Array(repeating: 0, count: 20) + [1, 1]) == 19)
        #expect(RetrievalScores.neighborCount(for: Array(0..<30).map { $0 % 10 }) == 8)
        #expect(RetrievalScores.neighborCount(for: [0, 0, 1]) == 2)
    }

    @Test(arguments: MetricsFixtures.retrieval.map(\.name))
    func matchesPytorchMetricLearning(name: String) {
        let fixture = MetricsFixtures.retrieval.first { $0.name == name }!
        let neighbors = NearestNeighbors.search(
            queries: fixture.matrix, references: fixture.matrix,
            k: RetrievalScores.neighborCount(for: fixture.labels), excludeSelf: true)
        let result = RetrievalScores(neighbors: neighbors, labels: fixture.labels)
        #expect(abs(result.precisionAt1 - fixture.precisionAt1) < 1e-4)
        #expect(abs(result.rPrecision - fixture.rPrecision) < 1e-4)
        #expect(abs(result.mapAtR - fixture.mapAtR) < 1e-4)
        for k in RetrievalMetrics.recallKs {
            #expect(abs(result.recallAt[k]! - fixture.recallAt[String(k)]!) < 1e-4)
        }
    }
    /// The streaming suite (blocks of queries scored and dropped) gives exactly the
    /// scores of one search's full lists: 1,500 points over three query blocks, classes of
    /// unequal sizes and a lone query.
    @Test func streamingScoresEqualThoseOfTheFullLists() {
        var g = SeededGenerator(seed: 12)
        var labels = (0..<1500).map { _ in Int(g.nextUnit() * 5) }
        labels[7] = 99
        let points = Matrix<Float>(rows: 1500, cols: 6, storage: (0..<9000).map { index in
            Float(g.nextGaussian()) + Float(labels[index / 6] % 5) * 0.7
        })
        let neighbors = NearestNeighbors.search(queries: points, references: points,
                                                k: RetrievalScores.neighborCount(for: labels), excludeSelf: true)
        let full = RetrievalScores(neighbors: neighbors, labels: labels)
        let streamed = MetricSuite.evaluate(embeddings: points, labels: labels, seed: 0, threads: 2)
        #expect(streamed.recallAt == full.recallAt && streamed.precisionAt1 == full.precisionAt1)
        #expect(streamed.rPrecision == full.rPrecision && streamed.mapAtR == full.mapAtR)
        #expect(streamed.knnAccuracy == KNNClassifier().leaveOneOutAccuracy(neighbors: neighbors, labels: labels))
    }
}
