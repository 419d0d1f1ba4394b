import Testing
import DMLXCore
import DMLXEngine

@Suite struct PerClassScoresTests {
    /// An independent O(N²) reference: every query sorts all other samples by Double
    /// distance (ties by index), and each class's values are counted straight from the
    /// definitions (means over the class's queries, confusions among the first R).
    struct Naive {
        var precisionAt1 = [Int: Double]()
        var rPrecision = [Int: Double]()
        var mapAtR = [Int: Double]()
        var confusionCounts = [Int: [Int: Int]]()
        var worstQueries = [Int: [Int]]()

        init(_ points: Matrix<Float>, labels: [Int]) {
            let n = labels.count
            var averagePrecisions = [Int: [(ap: Double, query: Int)]]()
            for query in 0..<n {
                let label = labels[query]
                let r = labels.filter { $0 == label }.count - 1
                guard r > 0 else { continue }
                let order = (0..<n).filter { $0 != query }.sorted {
                    (distance(points, query, $0), $0) < (distance(points, query, $1), $1)
                }
                let same = order.map { labels[$0] == label }
                precisionAt1[label, default: 0] += same[0] ? 1 : 0
                rPrecision[label, default: 0] += Double(same.prefix(r).filter { $0 }.count) / Double(r)
                var averagePrecision = 0.0
                for i in 0..<r where same[i] {
                    averagePrecision += Double(same.prefix(i + 1).filter { $0 }.count) / Double(i + 1)
                }
                mapAtR[label, default: 0] += averagePrecision / Double(r)
                averagePrecisions[label, default: []].append((averagePrecision / Double(r), query))
                for other in order.prefix(r) where labels[other] != label {
                    confusionCounts[label, default: [:]][labels[other], default: 0] += 1
                }
            }
            for label in Set(labels) {
                let count = Double(labels.filter { $0 == label }.count)
                precisionAt1[label]? /= count
                rPrecision[label]? /= count
                mapAtR[label]? /= count
            }
            worstQueries = averagePrecisions.mapValues { $0.sorted { ($0.ap, $0.query) < ($1.ap, $1.query) }.map(\.query) }
        }

        func distance(_ points: Matrix<Float>, _ a: Int, _ b: Int) -> Double {
            zip(points.row(a), points.row(b)).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
        }
    }

    /// Neighbour lists given by hand: `orders[q]` lists every other sample, nearest first.
    func scores(labels: [Int], orders: [[Int32]]) -> PerClassScores {
        let k = orders[0].count
        let lists = NeighborLists(count: orders.count, k: k, indices: orders.flatMap { $0 },
                                  distances: orders.flatMap { $0.indices.map { Float($0) } })
        return PerClassScores(neighbors: lists, labels: labels, keepingQueries: true)
    }

    @Test func handComputedWithALoneClass() throws {
        // labels 0,0,0,1,1,2 (class 2 lone); matches (T = same label) and R:
        //   q0 [3,1,4,2,5] F T  R=2: P@1 0, R-prec 1/2, AP 1/4; within R: class 1 once
        //   q1 [0,2,3,4,5] T T  R=2: P@1 1, R-prec 1,   AP 1
        //   q2 [5,3,4,0,1] F F  R=2: P@1 0, R-prec 0,   AP 0;   within R: class 2, class 1
        //   q3 [4,0,1,2,5] T    R=1: P@1 1, R-prec 1,   AP 1
        //   q4 [0,3,1,2,5] F    R=1: P@1 0, R-prec 0,   AP 0;   within R: class 0
        // class 0: P@1 1/3, R-prec 1/2, MAP@R 5/12; confusions over 3 × 2 slots: 1 ×2 (1/3), 2 ×1 (1/6)
        // class 1: P@1 1/2, R-prec 1/2, MAP@R 1/2;  confusions over 2 × 1 slots: 0 ×1 (1/2)
        let result = scores(labels: [0, 0, 0, 1, 1, 2], orders: [
            [3, 1, 4, 2, 5], [0, 2, 3, 4, 5], [5, 3, 4, 0, 1], [4, 0, 1, 2, 5], [0, 3, 1, 2, 5], [0, 1, 2, 3, 4],
        ])
        #expect(result.classes.map(\.label) == [0, 1, 2] && result.classes.map(\.count) == [3, 2, 1])
        let zero = try #require(result.scores(of: 0))
        #expect(abs(zero.precisionAt1 - 1.0 / 3) < 1e-12 && abs(zero.rPrecision - 0.5) < 1e-12)
        #expect(abs(zero.mapAtR - 5.0 / 12) < 1e-12)
        #expect(zero.confusions == [ClassConfusion(label: 1, count: 2, share: 2.0 / 6), ClassConfusion(label: 2, count: 1, share: 1.0 / 6)])
        let one = try #require(result.scores(of: 1))
        #expect(one.precisionAt1 == 0.5 && one.rPrecision == 0.5 && one.mapAtR == 0.5)
        #expect(one.confusions == [ClassConfusion(label: 0, count: 1, share: 0.5)])
        let lone = try #require(result.scores(of: 2))
        #expect(lone.isLone && lone.precisionAt1.isNaN && lone.rPrecision.isNaN && lone.mapAtR.isNaN && lone.confusions.isEmpty)
        #expect(result.worstQueries[0] == [QueryScore(query: 2, averagePrecision: 0, firstWrongNeighbor: 5),
                                           QueryScore(query: 0, averagePrecision: 0.25, firstWrongNeighbor: 3),
                                           QueryScore(query: 1, averagePrecision: 1, firstWrongNeighbor: 3)])
        #expect(result.worstQueries[1] == [QueryScore(query: 4, averagePrecision: 0, firstWrongNeighbor: 0),
                                           QueryScore(query: 3, averagePrecision: 1, firstWrongNeighbor: 0)])
        #expect(result.worstQueries[2] == nil, "a lone query has no score")
        #expect(result.worstFirst.map(\.label) == [0, 1, 2], "lowest MAP@R first, the lone class last")
    }

    /// Random sets searched a block at a time (700 rows span two query blocks; 150 rows in
    /// 40 classes leave lone ones) agree with the naive reference, and weighting each
    /// class by its count gives back the overall scores.
    @Test(arguments: [(400, 4, 5, UInt64(1)), (700, 6, 3, UInt64(2)), (150, 2, 40, UInt64(3))])
    func agreesWithNaiveSortOfAllDistances(rows: Int, cols: Int, classes: Int, seed: UInt64) throws {
        let (points, labels) = MetricSuiteTests().randomSet(rows: rows, cols: cols, classes: classes, seed: seed)
        let naive = Naive(points, labels: labels)
        let result = try #require(try PerClassScores.evaluate(index: .exact(points, threads: 2), labels: labels) { _ in true })
        for scores in result.classes where !scores.isLone {
            let label = scores.label
            #expect(abs(scores.precisionAt1 - naive.precisionAt1[label]!) < 1e-12, "class \(label)")
            #expect(abs(scores.rPrecision - naive.rPrecision[label]!) < 1e-12, "class \(label)")
            #expect(abs(scores.mapAtR - naive.mapAtR[label]!) < 1e-12, "class \(label)")
            let counts = Dictionary(uniqueKeysWithValues: scores.confusions.map { ($0.label, $0.count) })
            #expect(counts == naive.confusionCounts[label] ?? [:], "class \(label)")
            #expect(abs(scores.confusions.map(\.share).reduce(0, +) + scores.rPrecision - 1) < 1e-12)
            #expect(result.worstQueries[label]?.map(\.query) == naive.worstQueries[label])
        }
        #expect(result.classes.filter(\.isLone).allSatisfy { naive.mapAtR[$0.label] == nil })
        let overall = MetricSuite.evaluate(embeddings: points, labels: labels, seed: 0, clusters: labels)
        let answerable = result.classes.filter { !$0.isLone }
        let weighted = answerable.map { Double($0.count) * $0.mapAtR }.reduce(0, +) / Double(answerable.map(\.count).reduce(0, +))
        #expect(abs(weighted - overall.mapAtR) < 1e-12)
    }

    @Test func abandonedWhenProgressAnswersFalse() throws {
        let (points, labels) = MetricSuiteTests().randomSet(rows: 300, cols: 3, classes: 3, seed: 4)
        #expect(try PerClassScores.evaluate(index: .exact(points), labels: labels) { _ in false } == nil)
    }

    @Test func jsonListsEveryClassWithItsTopConfusions() {
        let result = scores(labels: [0, 0, 0, 1, 1, 2], orders: [
            [3, 1, 4, 2, 5], [0, 2, 3, 4, 5], [5, 3, 4, 0, 1], [4, 0, 1, 2, 5], [0, 3, 1, 2, 5], [0, 1, 2, 3, 4],
        ])
        let json = result.json(names: [1: "one"]).rendered
        #expect(json.hasPrefix(#"{"0": {"count": 3, "precision_at_1": 0.3333333333, "r_precision": 0.5, "map_at_r": 0.4166666667, "confusions": [{"label": 1, "count": 2, "share": 0.3333333333}, {"label": 2, "count": 1, "share": 0.1666666667}]}, "1": {"name": "one", "count": 2"#), "\(json)")
        #expect(json.hasSuffix(#""2": {"count": 1, "precision_at_1": null, "r_precision": null, "map_at_r": null, "confusions": []}}"#), "\(json)")
    }
}
