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
        #expect(total == MapSettings().tsneContinuationIterations)
    }

    @Test func aNewerJobSupersedesTheOneUnderWay() throws {
        let run = MapRun(settings: MapSettings())
        // Big enough (seconds of t-SNE) that it is still under way when the next job comes.
        var generator = SeededGenerator(seed: 8)
        let many = Matrix<Float>(rows: 4000, cols: 8, storage: (0..<32_000).map { _ in Float(generator.nextGaussian()) })
        let layout = try PCA(fitting: Self.clusters).projection.project(Self.clusters)
        run.submit(MapJob(key: key("tsne"), method: .tsne, embeddings: many))
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

    /// Root-mean-square distance between corresponding points of `a` and `b` after centring
    /// both and rotating `a` onto `b` (Procrustes), over `b`'s root-mean-square radius.
    func displacement(_ a: Matrix<Float>, _ b: Matrix<Float>) -> Double {
        func centred(_ m: Matrix<Float>) -> Matrix<Float> {
            var result = m
            for c in 0..<2 {
                let mean = (0..<m.rows).reduce(0) { $0 + m[$1, c] } / Float(m.rows)
                for r in 0..<m.rows { result[r, c] -= mean }
            }
            return result
        }
        let (x, y) = (centred(a), centred(b))
        let aligned = x.multiplied(by: Procrustes.alignment(from: x, to: y))
        var (moved, radius) = (0.0, 0.0)
        for r in 0..<y.rows {
            for c in 0..<2 {
                moved += Double((aligned[r, c] - y[r, c]) * (aligned[r, c] - y[r, c]))
                radius += Double(y[r, c] * y[r, c])
            }
        }
        return (moved / radius).squareRoot()
    }

    /// DESIGN.md §6's stability: the next epoch's map, continued from this epoch's, keeps
    /// the picture in place (clusters move far less than a fresh map of the same epoch
    /// moves them) and is as trustworthy as the fresh map. The next epoch is what training
    /// does to an embedding: the same six clusters seen through a different linear map
    /// (axes rescaled unevenly, two mixed), plus noise, so its PCA, and a fresh map's
    /// start, differ.
    @Test(arguments: [MapMethod.tsne, .umap])
    func aContinuedMapStaysInPlaceAndIsAsTrustworthy(method: MapMethod) throws {
        var generator = SeededGenerator(seed: 5)
        let (n, d, classes) = (600, 12, 6)
        let centres = (0..<classes * d).map { _ in 4 * Float(generator.nextGaussian()) }
        var this = Matrix<Float>(rows: n, cols: d)
        for r in 0..<n {
            for c in 0..<d { this[r, c] = centres[(r % classes) * d + c] + Float(generator.nextGaussian()) }
        }
        var next = this
        for r in 0..<n {
            for c in 0..<d { next[r, c] *= Float(1 + c % 4) / 2 }
            (next[r, 0], next[r, 5]) = (0.6 * next[r, 0] + 0.8 * next[r, 5], -0.8 * next[r, 0] + 0.6 * next[r, 5])
            for c in 0..<d { next[r, c] += 0.3 * Float(generator.nextGaussian()) }
        }
        func map(_ embeddings: Matrix<Float>, epoch: Int, from layout: Matrix<Float>? = nil) throws -> MapFrame {
            let job = MapJob(key: key(method.rawValue, epoch: epoch), method: method, embeddings: embeddings, layout: layout)
            return try #require(MapComputation(job, settings: MapSettings()) { _ in true }.make())
        }
        let first = try map(this, epoch: 0)
        let continued = try map(next, epoch: 1, from: first.layout)
        let fresh = try map(next, epoch: 1)
        let (kept, redrawn) = (displacement(first.layout!, continued.layout!), displacement(first.layout!, fresh.layout!))
        #expect(kept < 0.6 * redrawn, "continued map moved \(kept), a fresh one \(redrawn)")
        let (continuedTrust, freshTrust) = (try #require(continued.trust), try #require(fresh.trust))
        #expect(continuedTrust.trustworthiness > freshTrust.trustworthiness - 0.01, "\(continuedTrust) vs \(freshTrust)")
    }
}
