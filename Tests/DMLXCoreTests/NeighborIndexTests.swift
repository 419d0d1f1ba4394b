import Testing
import DMLXCore

@Suite struct NeighborIndexTests {
    /// `clusters` Gaussian clusters (centres N(0, 3²), spread N(0, 1)) in `dimension`
    /// dimensions, points assigned round-robin.
    func clustered(_ n: Int, dimension: Int, clusters: Int, seed: UInt64) -> Matrix<Float> {
        var g = SeededGenerator(seed: seed)
        let centres = (0..<(clusters * dimension)).map { _ in Float(3 * g.nextGaussian()) }
        return Matrix(rows: n, cols: dimension, storage: (0..<(n * dimension)).map { i in
            centres[(i / dimension % clusters) * dimension + i % dimension] + Float(g.nextGaussian())
        })
    }

    /// Every point's k nearest others by brute force in Double, ties to the smaller index.
    func naive(_ points: Matrix<Float>, k: Int) -> [[Int32]] {
        (0..<points.rows).map { i in
            (0..<points.rows).filter { $0 != i }.map { j in
                (zip(points.row(i), points.row(j)).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }, j)
            }.sorted { $0 < $1 }.prefix(k).map { Int32($0.1) }
        }
    }

    func lists(_ index: NeighborIndex, k: Int) throws -> NeighborLists {
        var indices = [Int32](), distances = [Float](), next = 0
        try index.forEachQueryBlock(k: k) { rows, block in
            #expect(rows.lowerBound == next && block.count == rows.count)
            next = rows.upperBound
            indices += block.indices
            distances += block.distances
        }
        #expect(next == index.points.rows)
        return NeighborLists(count: index.points.rows, k: indices.count / max(1, index.points.rows), indices: indices, distances: distances)
    }

    func build(_ points: Matrix<Float>, _ kind: NeighborIndexKind?, _ parameters: String? = nil) throws -> NeighborIndex {
        let parsed = try parameters.map { try NeighborIndexParameters(parsing: $0, for: kind!) } ?? NeighborIndexParameters()
        return try #require(try NeighborIndex.build(points, choice: NeighborIndexChoice(kind: kind, parameters: parsed), threads: 2))
    }

    @Test func exactKindIsTheBlockedSearchToTheLastBit() throws {
        let points = clustered(1300, dimension: 6, clusters: 5, seed: 1)
        let index = try build(points, .exact)
        #expect(index.isExact && index.summary == "exact")
        let blocked = NearestNeighbors.search(queries: points, references: points, k: 7, excludeSelf: true, threads: 2)
        #expect(try lists(index, k: 7) == blocked)
        let one = try index.neighbors(of: 700, k: 7)
        #expect(Array(one.neighbors(of: 0)) == Array(blocked.neighbors(of: 700)))
        #expect(Array(one.distances(of: 0)) == Array(blocked.distances(of: 700)))
    }

    /// IVF with a single cell scans every point: faiss's answer is the exact one.
    @Test func singleCellIVFFindsTheExactNeighbours() throws {
        let points = clustered(900, dimension: 5, clusters: 3, seed: 2)
        let index = try build(points, .ivf, "nlist=1,nprobe=1")
        #expect(!index.isExact && index.summary == "IVF1,Flat nprobe 1")
        let found = try lists(index, k: 5)
        let expected = naive(points, k: 5)
        let exact = NearestNeighbors.search(queries: points, references: points, k: 5, excludeSelf: true)
        for i in 0..<points.rows {
            #expect(Array(found.neighbors(of: i)) == expected[i])
            for (a, b) in zip(found.distances(of: i), exact.distances(of: i)) { #expect(abs(a - b) <= 1e-3 * max(1, b)) }
        }
        #expect(try index.measuredRecall(k: 5, sample: 100, seed: 3).value == 1)
    }

    @Test(arguments: [NeighborIndexKind.ivf, .hnsw])
    func approximateIndexesReachTheirRecallOnClusteredData(kind: NeighborIndexKind) throws {
        let points = clustered(4000, dimension: 16, clusters: 20, seed: 4)
        let index = try build(points, kind)
        let recall = try index.measuredRecall(k: 10, sample: 500, seed: 5)
        #expect(recall.k == 10 && recall.queries == 500)
        #expect(recall.value >= 0.9, "\(index.summary): \(recall.summary)")
        // Every leave-one-out list lacks its own point and is sorted nearest first.
        let found = try lists(index, k: 10)
        for i in 0..<points.rows {
            #expect(!found.neighbors(of: i).contains(Int32(i)))
            let distances = Array(found.distances(of: i))
            #expect(distances == distances.sorted())
        }
    }

    /// The recall a tuned index keeps from tuning is what measuring it afresh gives (so a
    /// caller need not search the sample again); a given parameter leaves it to measure.
    @Test func aTunedIndexKeepsTheRecallItWasTunedTo() throws {
        let points = clustered(4000, dimension: 16, clusters: 20, seed: 4)
        let tuned = try build(points, .ivf)
        #expect(try tuned.tuningRecall == tuned.measuredRecall(k: 10))
        #expect(tuned.tuningRecall!.value >= NeighborIndex.targetRecall)
        let given = try build(points, .ivf, "nprobe=2")
        #expect(given.tuningRecall == nil && NeighborIndex.exact(points).tuningRecall == nil)
    }

    /// Recall over all points (the sample is every point when it is at least n) matches a
    /// count against brute force done here.
    @Test func measuredRecallCountsTheExactNeighboursFound() throws {
        let points = clustered(600, dimension: 8, clusters: 30, seed: 6)
        let index = try build(points, .ivf, "nlist=15,nprobe=1")
        let expected = naive(points, k: 10)
        let found = try index.neighbors(of: Array(0..<points.rows), k: 10)
        let hits = (0..<points.rows).map { i in found.neighbors(of: i).filter(expected[i].contains).count }.reduce(0, +)
        let recall = try index.measuredRecall(k: 10, sample: 10_000, seed: 0)
        #expect(recall.queries == 600)
        #expect(abs(recall.value - Double(hits) / 6000) < 1e-12)
        #expect(recall.value < 1, "one probe of 15 cells should miss some neighbours")
    }

    /// Duplicates at distance 0: a point's twin comes first, the point itself never.
    @Test(arguments: [NeighborIndexKind.exact, .ivf, .hnsw])
    func leaveOneOutDropsThePointItselfAmongDuplicates(kind: NeighborIndexKind) throws {
        let half = clustered(300, dimension: 4, clusters: 3, seed: 7)
        let points = Matrix(rows: 600, cols: 4, storage: half.storage + half.storage)
        let index = try build(points, kind, kind == .exact ? nil : kind == .ivf ? "nlist=3,nprobe=3" : "efSearch=64")
        let found = try lists(index, k: 3)
        for i in 0..<600 {
            #expect(!found.neighbors(of: i).contains(Int32(i)))
            #expect(found.neighbors(of: i).first == Int32((i + 300) % 600))
            // The GEMM form's rounding, a fraction of the norms (about 3 here), not of the distance.
            #expect(found.distances(of: i).first! < 0.01)
        }
    }

    @Test func droppingSelfRemovesTheQueryOrElseTheLastEntry() {
        let lists = NeighborLists(count: 2, k: 3, indices: [4, 7, 9, 1, 2, 3], distances: [0, 1, 2, 0, 0, 5])
        let dropped = lists.droppingSelf(points: [7, 8])
        #expect(dropped.indices == [4, 9, 1, 2])
        #expect(dropped.distances == [0, 2, 0, 0])
    }

    @Test func buildReportsProgressAndStopsWhenAsked() throws {
        let points = clustered(120_000, dimension: 4, clusters: 10, seed: 8)
        var shares = [Double]()
        let index = try NeighborIndex.build(points, choice: NeighborIndexChoice(kind: .ivf), threads: 2) { shares.append($0); return true }
        #expect(index != nil)
        #expect(shares.first == 0 && shares.last == 1 && shares == shares.sorted())
        #expect(shares.count >= 4, "training, three chunks of points, tuning: \(shares)")
        var calls = 0
        let stopped = try NeighborIndex.build(points, choice: NeighborIndexChoice(kind: .hnsw), threads: 2) { _ in calls += 1; return false }
        #expect(stopped == nil && calls == 1)
        var searched = 0
        try #require(index).forEachQueryBlock(k: 2, progress: { _ in false }) { rows, _ in searched += rows.count }
        #expect(searched > 0 && searched < points.rows, "one block, then stopped")
    }

    /// Fashion-MNIST's 60,000 raw images (2.8·10¹² multiply-adds, a minute) stay exact,
    /// as they were scored before faiss; 70,000 of them or 10⁶ × 128 do not.
    @Test func automaticChoiceIsExactWhileExactIsFast() {
        #expect(NeighborIndexChoice.automatic.resolvedKind(points: 60_000, dimension: 784) == .exact)
        #expect(NeighborIndexChoice.automatic.resolvedKind(points: 70_000, dimension: 784) == .ivf)
        #expect(NeighborIndexChoice.automatic.resolvedKind(points: 150_000, dimension: 128) == .exact)
        #expect(NeighborIndexChoice.automatic.resolvedKind(points: 1_000_000, dimension: 128) == .ivf)
        #expect(NeighborIndexChoice.automatic.resolvedKind(points: 300_000, dimension: 2) == .exact)
        #expect(NeighborIndexChoice(kind: .hnsw).resolvedKind(points: 10, dimension: 2) == .hnsw)
    }

    /// Chosen automatically, IVF is kept only where a few cells reach the target recall:
    /// clustered data keeps it, structureless Gaussian noise falls back to exact search.
    @Test func automaticIVFFallsBackToExactWhereItWouldNotPay() throws {
        var choice = NeighborIndexChoice.automatic
        choice.exactWorkLimit = 0
        let clusteredIndex = try #require(try NeighborIndex.build(clustered(8000, dimension: 16, clusters: 200, seed: 10),
                                                                  choice: choice, threads: 2))
        #expect(clusteredIndex.kind == .ivf && clusteredIndex.isAutomatic, "\(clusteredIndex.summary)")
        #expect(try clusteredIndex.measuredRecall(seed: 11).value >= 0.9)
        let noise = try #require(try NeighborIndex.build(clustered(8000, dimension: 16, clusters: 1, seed: 12),
                                                         choice: choice, threads: 2))
        #expect(noise.isExact && noise.isAutomatic && noise.summary == "exact")
        let forced = try build(clustered(8000, dimension: 16, clusters: 1, seed: 12), .ivf)
        #expect(forced.kind == .ivf && forced.summary.hasPrefix("IVF205,Flat nprobe "), "\(forced.summary)")
    }

    @Test(arguments: [
        ("nprobe=4", NeighborIndexKind.hnsw, "the hnsw index has no parameter 'nprobe' (it takes M, efConstruction, efSearch)"),
        ("M=0", .hnsw, "'M=0': M must be a positive integer"),
        ("nlist=many", .ivf, "'nlist=many': nlist must be a positive integer"),
        ("nlist=4,nlist=8", .ivf, "nlist is given twice"),
        ("nprobe", .ivf, "'nprobe' is not key=value (e.g. nlist=4096,nprobe=32)"),
        ("M=8", .exact, "the exact index has no parameter 'M' (it takes none)"),
    ])
    func badParametersAreNamed(text: String, kind: NeighborIndexKind, message: String) {
        #expect(throws: NeighborIndexError("--index-params: " + message)) { try NeighborIndexParameters(parsing: text, for: kind) }
    }

    @Test func parametersParse() throws {
        let parsed = try NeighborIndexParameters(parsing: "M=16, efSearch=128", for: .hnsw)
        #expect(parsed["M"] == 16 && parsed["efSearch"] == 128 && parsed["efConstruction"] == nil)
    }

    @Test func faissErrorsBecomeMessages() {
        let points = clustered(10, dimension: 2, clusters: 1, seed: 9)
        let error = #expect(throws: NeighborIndexError.self) {
            try NeighborIndex.build(points, choice: NeighborIndexChoice(kind: .ivf, parameters: try NeighborIndexParameters(parsing: "nlist=50", for: .ivf)))
        }
        #expect(error?.description.hasPrefix("faiss: training failed: ") == true && error!.description.contains("50"), "\(String(describing: error))")
    }
}
