import DMLXCore
import Dispatch

/// The pipeline that makes one map, shared by the UI's `MapRun` and `dmlx project`:
/// the embedding's k-NN graph (`NearestNeighbors`, or a `NeighborIndex` for many points), the method's affinities and
/// initial layout, the optimisation in steps of about `MapSettings.stepSeconds`, and the
/// trust scores of the result. Every stage reports a `MapFrame`; a report answered with
/// false abandons the job there (a newer one is wanted).
///
/// Cost: O(n²·d) for the search (a GEMM, the longest stage for large n), then O(n·k) per
/// iteration; memory O(n·k), never n × n.
public struct MapComputation {
    public let job: MapJob
    public let settings: MapSettings
    private let started = DispatchTime.now().uptimeNanoseconds
    private let report: (MapFrame) -> Bool

    public init(_ job: MapJob, settings: MapSettings, report: @escaping (MapFrame) -> Bool) {
        self.job = job
        self.settings = settings
        self.report = report
    }

    /// The `k`-NN graph of the embeddings (by default as many neighbours as the job
    /// needs, `MapSettings.neighborCount`) with exact distances, or nil when abandoned or
    /// failed (reported). Searched exactly or, as `MapSettings.neighborIndex` resolves,
    /// with an approximate index, whose build is the first half of the search's progress
    /// and whose measured recall@10 the search's last frame carries.
    ///
    /// A linear map scored over a sample (`MapSettings.trustQueries`) needs only the
    /// sample's lists: one per sampled point, searched exactly — 2,000 queries against 10⁶
    /// points take seconds where a graph of every point would take minutes.
    public func neighbors(k requested: Int? = nil) -> NeighborLists? {
        if job.method == .pca, let queries = trustQueries {
            var abandoned = false
            let lists = NeighborIndex.exact(job.embeddings, threads: settings.threads)
                .exactNeighbors(of: queries, k: settings.trustNeighbors) { share in
                    abandoned = !report(frame(.neighbors(share)))
                    return !abandoned
                }
            return abandoned ? nil : lists
        }
        let k = requested ?? settings.neighborCount(for: job.method, points: job.embeddings.rows)
        let searched = k + NeighborLists.searchMargin(for: k)
        let lists: NeighborLists?
        if settings.neighborIndex.resolvedKind(points: job.embeddings.rows, dimension: job.embeddings.cols) == .exact {
            var abandoned = false
            let exact = NearestNeighbors.search(queries: job.embeddings, references: job.embeddings, k: searched,
                                                excludeSelf: true, threads: settings.threads) { share in
                abandoned = !report(frame(.neighbors(share)))
                return !abandoned
            }
            lists = abandoned ? nil : exact
        } else {
            lists = approximateNeighbors(k: searched)
        }
        return lists?.withExactDistances(queries: job.embeddings, references: job.embeddings, keeping: k, threads: settings.threads)
    }

    private func approximateNeighbors(k: Int) -> NeighborLists? {
        do {
            let built = try NeighborIndex.build(job.embeddings, choice: settings.neighborIndex, threads: settings.threads) { share in
                report(frame(.neighbors(0.5 * share)))
            }
            guard let index = built,
                  let lists = try index.leaveOneOutLists(k: k, progress: { share in report(frame(.neighbors(0.5 + 0.5 * share))) })
            else { return nil }
            var searched = frame(.neighbors(1))
            searched.approximateIndex = index.summary
            searched.neighborRecall = try index.measuredRecall(k: 10)
            return report(searched) ? lists : nil
        } catch {
            _ = report(frame(.failed(error.description)))
            return nil
        }
    }

    /// Makes the map from scratch: the search, then `run`.
    public func make() -> MapFrame? {
        neighbors().flatMap(run(neighbors:))
    }

    /// Makes the map from `neighbors` (at least as many per point as `neighbors()` finds)
    /// and returns its finished frame, or nil when abandoned.
    public func run(neighbors: NeighborLists) -> MapFrame? {
        guard job.embeddings.isFinite else {
            _ = report(frame(.failed("the embeddings hold NaN or infinite values")))
            return nil
        }
        do {
            guard report(frame(.preparing)), let (layout, iterations) = try optimizedLayout(neighbors: neighbors) else { return nil }
            guard layout.isFinite else {
                _ = report(frame(.failed("the map diverged (NaN or infinite coordinates)")))
                return nil
            }
            var result = frame(.scoring)
            result.layout = layout
            (result.iteration, result.totalIterations) = (iterations, iterations)
            guard report(result) else { return nil }
            result.trust = MapTrust.measure(embedding: job.embeddings, layout: layout, embeddingNeighbors: neighbors,
                                            k: min(settings.trustNeighbors, neighbors.k),
                                            queries: trustQueries)
            result.stage = .finished
            result.seconds = elapsed
            _ = report(result)
            return result
        } catch {
            _ = report(frame(.failed(String(describing: error))))
            return nil
        }
    }

    /// The layout, optimised step by step with each step published, and the iterations
    /// it took; the given layout for PCA; nil when abandoned.
    private func optimizedLayout(neighbors: NeighborLists) throws -> (Matrix<Float>, Int)? {
        switch job.method {
        case .pca:
            return job.layout.map { ($0, 0) }
        case .tsne:
            var configuration = settings.tsne
            if job.layout != nil {
                // A continuation starts from a formed map: exaggerating it again would
                // tear its clusters apart and lose the stability it is there for, and
                // half the iterations suffice (MapRunTests' next epoch: trust 0.981 after
                // 250, 0.983 after 500, a fresh map 0.984; points moved 16% of the radius
                // against 69% for the fresh map).
                configuration.earlyExaggerationIterations = 0
                configuration.iterations = min(configuration.iterations, settings.tsneContinuationIterations)
            }
            let affinities = TSNEAffinities.joint(neighbors: neighbors, perplexity: configuration.perplexity,
                                                  threads: settings.threads)
            let initial = try job.layout ?? TSNEInitialization.pca(job.embeddings, seed: configuration.seed)
            return optimize(TSNEOptimizer(affinities: affinities, initial: initial, configuration: configuration,
                                          threads: settings.threads))
        case .umap:
            let graph = try FuzzySimplicialSet.graph(neighbors: neighbors, neighborCount: settings.umap.neighborCount)
            let initial = try job.layout ?? UMAPInitialization.spectral(graph, embeddings: job.embeddings, seed: settings.umap.seed)
            let configuration = job.layout == nil ? settings.umap : settings.umap.continuation
            return optimize(UMAPOptimizer(graph: graph, initial: initial, configuration: configuration))
        }
    }

    /// Runs `optimizer` to the end in steps sized to last about `stepSeconds` each
    /// (measured on the previous step), publishing the layout after every step.
    private func optimize(_ optimizer: some MapOptimizer) -> (Matrix<Float>, Int)? {
        var optimizer = optimizer
        var count = 1
        while !optimizer.isFinished {
            let before = DispatchTime.now().uptimeNanoseconds
            optimizer.step(count)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - before) / 1e9
            var progress = frame(.optimizing)
            progress.layout = optimizer.layout
            progress.iteration = optimizer.iteration
            progress.totalIterations = optimizer.totalIterations
            guard report(progress) else { return nil }
            let perIteration = seconds / Double(count)
            count = max(1, min(100, Int(settings.stepSeconds / max(perIteration, 1e-6))))
        }
        return (optimizer.layout, optimizer.iteration)
    }

    /// The points trust is scored over: a seeded sample for a large map, nil for all.
    private var trustQueries: [Int]? { settings.trustQueries(points: job.embeddings.rows, seed: UInt64(job.key.epoch)) }

    private var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }

    private func frame(_ stage: MapFrame.Stage) -> MapFrame {
        var frame = MapFrame(key: job.key, method: job.method, stage: stage)
        frame.seconds = elapsed
        return frame
    }
}
