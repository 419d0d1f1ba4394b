import DMLXCore
import Dispatch

/// Makes maps on its own serial queue while the UI draws (DESIGN.md §6): `submit` a
/// job and poll `take()` for its frames. The UI never waits for a map; a newer job
/// supersedes the one under way, which stops at its next step or round of its search
/// (`LatestJobQueue`, whose newest frame is kept: the state of the map under way).
///
/// The k-NN graph of the last embeddings searched is kept, so switching between t-SNE,
/// UMAP and a PCA variant of the same epoch searches once.
public final class MapRun: Sendable {
    /// The last search: whose embeddings (run and epoch) and its lists.
    private struct SearchCache {
        var run: String
        var epoch: Int
        var embeddings: Matrix<Float>
        var neighbors: NeighborLists
    }

    public let settings: MapSettings
    private let jobs = LatestJobQueue<MapFrame>(label: "dmlx.maps", newestFrame: .kept) { $0.isFinished }
    private let cache: QueueBound<SearchCache?>

    public init(settings: MapSettings) {
        self.settings = settings
        cache = QueueBound(nil, queue: jobs.queue)
    }

    /// Starts `job` after abandoning any job under way.
    public func submit(_ job: MapJob) {
        jobs.submit { [self] post in
            let computation = MapComputation(job, settings: settings, report: post)
            guard let neighbors = neighbors(for: job, computation) else { return }
            _ = computation.run(neighbors: neighbors)
        }
    }

    /// Abandons the job under way, if any.
    public func cancel() { jobs.cancel() }

    /// Blocks until the queue has nothing left to do (after `cancel`, at most one step).
    public func waitUntilIdle() { jobs.waitUntilIdle() }

    /// The newest frame of the current job and the finished frames since the last call.
    public func take() -> (latest: MapFrame?, finished: [MapFrame]) { jobs.take() }

    /// The cached lists when they are of the same embeddings and hold enough
    /// neighbours for every point (not a linear map's sample), else a new search (cached
    /// in turn); nil when abandoned.
    private func neighbors(for job: MapJob, _ computation: MapComputation) -> NeighborLists? {
        let needed = settings.neighborCount(for: job.method, points: job.embeddings.rows)
        if let cached = cache.value, cached.run == job.key.run, cached.epoch == job.key.epoch,
           cached.neighbors.k >= needed, cached.neighbors.count == job.embeddings.rows, cached.embeddings == job.embeddings {
            return cached.neighbors
        }
        // Search as widely as any method needs, so a switch of method reuses the graph.
        let widest = MapMethod.allCases.map { settings.neighborCount(for: $0, points: job.embeddings.rows) }.max()!
        guard let lists = computation.neighbors(k: widest) else { return nil }
        cache.value = SearchCache(run: job.key.run, epoch: job.key.epoch, embeddings: job.embeddings, neighbors: lists)
        return lists
    }
}
