import Testing
import DMLXCore
import DMLXEngine

/// The map pipeline and its queue: what a job publishes, how a newer job supersedes an
/// older one, and that a map is the same however it is run.
@Suite struct MapRunTests {
    /// Three separated Gaussian clusters in 8-D.
    static let clusters: Matrix<Float> = {
        var generator = SeededGenerator(seed: 5)
        var points = Matrix<Float>(rows: 240, cols: 8)
        for r in 0..<240 {
            for c in 0..<8 { points[r, c] = Float(generator.nextGaussian()) + (c == r % 3 ? 8 : 0) }
        }
        return points
    }()

    func key(_ projection: String, epoch: Int = 0) -> MapKey { MapKey(run: "clusters", epoch: epoch, projection: projection) }

    @Test(arguments: [MapMethod.tsne, .umap])
    func aJobReportsEveryStageInOrderAndEndsScored(method: MapMethod) throws {
        var frames: [MapFrame] = []
        let job = MapJob(key: key(method.rawValue), method: method, embeddings: Self.clusters)
        let finished = try #require(MapComputation(job, settings: MapSettings()) { frames.append($0); return true }.make())
        let fractions = frames.map(\.fractionDone)
        #expect(zip(fractions, fractions.dropFirst()).allSatisfy { $0 <= $1 }, "\(fractions)")
        #expect(frames.contains { if case .neighbors = $0.stage { return true } else { return false } })
        #expect(frames.filter { $0.stage == .optimizing }.count >= 2)
        #expect(frames.last?.stage == .finished && finished.iteration == finished.totalIterations && finished.iteration > 0)
        #expect(finished.layout?.rows == 240)
        let trust = try #require(finished.trust)
        let neighbors = NearestNeighbors.search(queries: Self.clusters, references: Self.clusters, k: 10, excludeSelf: true)
        #expect(trust == MapTrust.measure(embedding: Self.clusters, layout: finished.layout!, embeddingNeighbors: neighbors))
        #expect(trust.trustworthiness > 0.9)
    }

    @Test func theSameJobGivesTheSameMapWhateverTheStepsOrTheQueue() throws {
        let job = MapJob(key: key("tsne"), method: .tsne, embeddings: Self.clusters)
        var fast = MapSettings()
        fast.stepSeconds = 0  // one iteration a step
        let direct = try #require(MapComputation(job, settings: MapSettings()) { _ in true }.make())
        let stepwise = try #require(MapComputation(job, settings: fast) { _ in true }.make())
        #expect(direct.layout == stepwise.layout)
        let run = MapRun(settings: MapSettings())
        run.submit(job)
        run.waitUntilIdle()
        let taken = run.take()
        #expect(taken.finished.map(\.key) == [job.key] && taken.finished.first?.layout == direct.layout)
        #expect(run.take().finished.isEmpty, "finished frames are taken once")
    }

    @Test func aContinuationStartsFromTheGivenLayoutWithoutExaggeration() throws {
        let fresh = try #require(MapComputation(MapJob(key: key("tsne"), method: .tsne, embeddings: Self.clusters),
                                                settings: MapSettings()) { _ in true }.make())
        var frames: [MapFrame] = []
        let next = MapJob(key: key("tsne", epoch: 1), method: .tsne, embeddings: Self.clusters, layout: fresh.layout)
        _ = MapComputation(next, settings: MapSettings()) { frames.append($0); return true }.make()
        let total = try #require(frames.first { $0.stage == .optimizing }?.totalIterations)
        #expect(total == MapSettings().tsne.iterations)
    }

    @Test func aNewerJobSupersedesTheOneUnderWay() throws {
        let run = MapRun(settings: MapSettings())
        run.submit(MapJob(key: key("tsne"), method: .tsne, embeddings: Self.clusters))
        let layout = try PCA(fitting: Self.clusters).projection.project(Self.clusters)
        run.submit(MapJob(key: key("aligned"), method: .pca, embeddings: Self.clusters, layout: layout))
        run.waitUntilIdle()
        let taken = run.take()
        #expect(taken.finished.map(\.key) == [key("aligned")] && taken.latest?.key == key("aligned"))
        run.submit(MapJob(key: key("umap"), method: .umap, embeddings: Self.clusters))
        run.cancel()
        run.waitUntilIdle()
        #expect(run.take().finished.isEmpty)
    }

    @Test func nonFiniteEmbeddingsFailWithAMessage() {
        var broken = Self.clusters
        broken[3, 3] = .nan
        var last: MapFrame?
        let result = MapComputation(MapJob(key: key("umap"), method: .umap, embeddings: broken), settings: MapSettings()) {
            last = $0
            return true
        }.make()
        #expect(result == nil && last?.stage == .failed("the embeddings hold NaN or infinite values"))
    }
}
