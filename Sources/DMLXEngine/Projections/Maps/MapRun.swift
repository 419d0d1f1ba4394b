import DMLXCore
import Dispatch
import Synchronization

/// Makes maps on its own serial queue while the UI draws (DESIGN.md §6): `submit` a
/// job and poll `take()` for its frames. The UI never waits for a map; a newer job
/// supersedes the one under way, which stops at its next step or round of its search.
///
/// The mailbox keeps the newest frame of the current job ("latest wins": a layout per
/// step is news only until the next) and every finished frame until it is taken, so a
/// finished map is never lost to a frame that followed it. The k-NN graph of the last
/// embeddings searched is kept, so switching between t-SNE, UMAP and a PCA variant of
/// the same epoch searches once.
public final class MapRun: Sendable {
    private struct Mailbox {
        var latest: MapFrame?
        var finished: [MapFrame] = []
    }

    /// The last search: whose embeddings (run and epoch) and its lists.
    private struct SearchCache {
        var run: String
        var epoch: Int
        var embeddings: Matrix<Float>
        var neighbors: NeighborLists
    }

    public let settings: MapSettings
    private let queue = DispatchQueue(label: "dmlx.maps")
    private let generation = Atomic<Int>(0)
    private let mailbox = Mutex(Mailbox())
    private let cache: QueueBound<SearchCache?>

    public init(settings: MapSettings) {
        self.settings = settings
        cache = QueueBound(nil, queue: queue)
    }

    /// Starts `job` after abandoning any job under way.
    public func submit(_ job: MapJob) {
        let ticket = generation.add(1, ordering: .sequentiallyConsistent).newValue
        queue.async { [self] in
            BackgroundPriority.lowerCurrentThread()
            guard isCurrent(ticket) else { return }
            let computation = MapComputation(job, settings: settings) { [self] frame in
                guard isCurrent(ticket) else { return false }
                mailbox.withLock { box in
                    box.latest = frame
                    if frame.isFinished { box.finished.append(frame) }
                }
                return true
            }
            guard let neighbors = neighbors(for: job, computation) else { return }
            _ = computation.run(neighbors: neighbors)
        }
    }

    /// Abandons the job under way, if any.
    public func cancel() {
        generation.add(1, ordering: .sequentiallyConsistent)
    }

    /// Blocks until the queue has nothing left to do (after `cancel`, at most one step).
    public func waitUntilIdle() {
        queue.sync {}
    }

    /// The newest frame of the current job and the finished frames since the last call.
    public func take() -> (latest: MapFrame?, finished: [MapFrame]) {
        mailbox.withLock { box in
            defer { box.finished.removeAll() }
            return (box.latest, box.finished)
        }
    }

    private func isCurrent(_ ticket: Int) -> Bool {
        generation.load(ordering: .sequentiallyConsistent) == ticket
    }

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
