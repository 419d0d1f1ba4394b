import Testing
import DMLXCore
import DMLXEngine

@Suite struct UMAPOptimizerTests {
    /// 600 points in 6 well-separated Gaussian clusters of 12 dimensions.
    static let (points, labels): (Matrix<Float>, [Int]) = {
        var generator = SeededGenerator(seed: 4)
        let centres = (0..<72).map { _ in 6 * Float(generator.nextGaussian()) }
        var points = Matrix<Float>(rows: 600, cols: 12)
        for r in 0..<600 {
            for c in 0..<12 { points[r, c] = centres[(r % 6) * 12 + c] + Float(generator.nextGaussian()) }
        }
        return (points, (0..<600).map { $0 % 6 })
    }()
    static let graph: SparseGraph = {
        let lists = NearestNeighbors.search(queries: points, references: points, k: 14, excludeSelf: true)
        return try! FuzzySimplicialSet.graph(neighbors: lists, neighborCount: 15)
    }()

    static func optimizer(seed: UInt64 = 0) throws -> UMAPOptimizer {
        var configuration = UMAPConfiguration()
        configuration.seed = seed
        return UMAPOptimizer(graph: graph, initial: try UMAPInitialization.spectral(graph, embeddings: points, seed: seed),
                             configuration: configuration)
    }

    @Test func aMapIsTheSameHoweverItsEpochsAreSplitAndDependsOnTheSeed() throws {
        var whole = try Self.optimizer()
        whole.step(200)
        var pieces = try Self.optimizer()
        for count in [1, 9, 150, 40] { pieces.step(count) }
        #expect(whole.layout == pieces.layout && pieces.iteration == 200 && pieces.totalIterations == 500)
        var other = try Self.optimizer(seed: 1)
        other.step(200)
        #expect(other.layout != whole.layout)
    }

    /// Clusters apart in the embedding end apart on the map: every point's nearest
    /// neighbour on the map is of its own cluster, and trust is high.
    @Test func separatedClustersStaySeparated() throws {
        var optimizer = try Self.optimizer()
        optimizer.finish()
        let layout = optimizer.layout
        let onMap = NearestNeighbors.search(queries: layout, references: layout, k: 1, excludeSelf: true)
        let agreeing = (0..<600).filter { Self.labels[$0] == Self.labels[Int(onMap.neighbors(of: $0).first!)] }.count
        #expect(agreeing == 600)
        let neighbors = NearestNeighbors.search(queries: Self.points, references: Self.points, k: 10, excludeSelf: true)
        let trust = try #require(MapTrust.measure(embedding: Self.points, layout: layout, embeddingNeighbors: neighbors))
        #expect(trust.trustworthiness > 0.9)
    }

    /// The initial layout spans [0, 10] on each axis, as umap-learn's before optimising.
    @Test func theStartSpansZeroToTen() throws {
        let start = try UMAPInitialization.spectral(Self.graph, embeddings: Self.points, seed: 0)
        for c in 0..<2 {
            let column = (0..<600).map { start[$0, c] }
            #expect(column.min() == 0 && column.max() == 10)
        }
    }

    /// A graph of several components lays each out apart from the others.
    @Test func componentsStartApart() throws {
        var generator = SeededGenerator(seed: 2)
        var points = Matrix<Float>(rows: 300, cols: 3)
        for r in 0..<300 {
            for c in 0..<3 { points[r, c] = Float(r % 3) * 1000 * Float(c == 0 ? 1 : 0) + Float(generator.nextGaussian()) }
        }
        let lists = NearestNeighbors.search(queries: points, references: points, k: 14, excludeSelf: true)
        let graph = try FuzzySimplicialSet.graph(neighbors: lists, neighborCount: 15)
        #expect(graph.connectedComponents().count == 3)
        let start = try UMAPInitialization.spectral(graph, embeddings: points, seed: 0)
        let onMap = NearestNeighbors.search(queries: start, references: start, k: 1, excludeSelf: true)
        let apart = (0..<300).filter { Int(onMap.neighbors(of: $0).first!) % 3 == $0 % 3 }.count
        #expect(apart >= 297, "\(apart) of 300 points start nearest a point of their own component")
    }

    /// umap-learn's `make_epochs_per_sample` read naively: an edge of weight w is sampled
    /// every w_max / w epochs, and edges below 1/epochs of the heaviest are dropped.
    @Test func aLighterEdgeIsSampledProportionallyLessAndTheLightestNever() {
        let graph = SparseGraph(count: 5, offsets: [0, 4, 5, 6, 7, 8], columns: [1, 2, 3, 4, 0, 0, 0, 0],
                                weights: [1, 0.5, 0.25, 0.02, 1, 0.5, 0.25, 0.02])
        let schedule = UMAPEdgeSchedule(graph, epochs: 40, negativeSampleRate: 5)
        #expect(schedule.heads == [0, 0, 0, 1, 2, 3] && schedule.tails == [1, 2, 3, 0, 0, 0])
        #expect(schedule.everySample == [1, 2, 4, 1, 2, 4])
        #expect(UMAPEdgeSchedule(graph, epochs: 60, negativeSampleRate: 5).everySample.count == 8)
    }
}
