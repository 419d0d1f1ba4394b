import ArgumentParser
import DMLXCore
import DMLXEngine
import Foundation

struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Map embeddings to 2-D (PCA, t-SNE or UMAP), score the map, and write it as .npy.",
        discussion: """
            t-SNE follows openTSNE's defaults (perplexity 30 on the exact 90 nearest \
            neighbours, PCA initialisation, early exaggeration 12 for 250 iterations, then \
            500, FFT-accelerated gradient); UMAP follows umap-learn's (15 neighbours, \
            min_dist 0.1, spectral initialisation, 500 epochs up to 10,000 points, else \
            200). Every map is scored: trustworthiness (scikit-learn's, k = 10) and the \
            share of each point's 10 nearest neighbours in the embedding kept on the map. \
            The map (n × 2 float32) opens with `dmlx view EMBEDDINGS --map MAP.npy`.
            """)

    @Option(help: "Embeddings: .npy (float32/float64, n × d), CSV/TSV, or any --data source.")
    var embeddings: String

    @Option(help: "Labels, for sources that need them given (IDX, or one per line); a bare .npy needs none.")
    var labels: String?

    @Option(help: "pca, tsne or umap.")
    var method: MapMethod = .tsne

    @OptionGroup var map: MapOptions

    @OptionGroup var search: IndexOptions

    @Option(help: "The map's seed; the same as --map-seed (the name view and export use, beside their own --seed).")
    var seed: UInt64?

    @Option(help: "Where to write the map (n × 2 float32 .npy).")
    var out: String

    @Flag(help: "Print one JSON object: method, n, dim, seconds, trustworthiness, knn_preserved, neighbor_index, neighbor_recall_at_10.")
    var json = false

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    func run() throws {
        BLAS.threads = 1  // the search's workers call BLAS themselves
        let points = try loadEmbeddings()
        guard points.rows >= 2 else { throw CommandFailure("\(embeddings): expected at least 2 embeddings, found \(points.rows)") }
        var settings = map.settings(interactive: false)
        if let seed { (settings.tsne.seed, settings.umap.seed) = (seed, seed) }
        settings.neighborIndex = try search.choice()
        let frame = try MapJob.headless(method, of: points, source: embeddings, settings: settings, quiet: quiet)
        try NpyWriter.write(frame.layout!, to: out)
        let fields: [(String, JSONValue)] = [
            ("method", .string(method.rawValue)), ("n", .integer(points.rows)), ("dim", .integer(points.cols)),
            ("seconds", .number(frame.seconds)),
            ("trustworthiness", frame.trust.map { .number($0.trustworthiness) } ?? .null),
            ("knn_preserved", frame.trust.map { .number($0.neighborsKept) } ?? .null),
            ("neighbor_index", .string(frame.approximateIndex ?? "exact")),
            ("neighbor_recall_at_10", frame.neighborRecall.map { .number($0.value) } ?? .null),
        ]
        if json {
            print(JSONValue.object(fields).rendered)
        } else {
            print("wrote the \(method.title) map of \(points.rows) points to \(out) in \(String(format: "%.2f", frame.seconds)) s")
            if let index = frame.approximateIndex, let recall = frame.neighborRecall {
                print("approximate k-NN graph: \(index), \(recall.summary)")
            }
            if let trust = frame.trust {
                print(String(format: "trustworthiness (k = %d) %.4f, %d-NN kept %.1f%%", trust.k, trust.trustworthiness,
                             trust.k, 100 * trust.neighborsKept) + (trust.isSampled ? " (on \(trust.scoredPoints) sampled points)" : ""))
            }
        }
    }

    /// The embeddings alone: a map needs no labels, so a bare .npy is read as it is.
    private func loadEmbeddings() throws -> Matrix<Float> {
        if labels == nil && embeddings.hasSuffix(".npy") { return try NpyLoader.features(path: embeddings) }
        return try DatasetCatalog.load(embeddings, labels: labels, seed: map.mapSeed).train.features
    }

    /// "k-NN search 35%", "iteration 300/750", ...
    fileprivate static func describe(_ frame: MapFrame) -> String {
        switch frame.stage {
        case .neighbors(let share): return "k-NN search \(Int(share * 100))%"
        case .preparing: return "affinities and initial layout"
        case .optimizing: return "iteration \(frame.iteration)/\(frame.totalIterations)"
        case .scoring: return "scoring"
        case .finished: return "done"
        case .failed(let message): return "failed: \(message)"
        }
    }
}

extension MapMethod: ExpressibleByArgument {}

extension MapJob {
    /// Makes and scores a `method` map of `embeddings` (read from `source`) from scratch,
    /// with progress on stderr; the finished frame, which has a layout and its trust, and
    /// the index and recall of an approximate k-NN graph.
    static func headless(_ method: MapMethod, of embeddings: Matrix<Float>, source: String, settings: MapSettings,
                         quiet: Bool) throws -> MapFrame {
        var layout: Matrix<Float>?
        if method == .pca {
            // PCA's map is its first two axes' coordinates; the job only scores it.
            guard let axes = try? PCA(fitting: embeddings).projection else {
                throw CommandFailure("\(source): the embeddings hold NaN or infinite values")
            }
            layout = axes.project(embeddings)
        }
        let job = MapJob(key: MapKey(run: source, epoch: 0, projection: method.rawValue), method: method,
                         embeddings: embeddings, layout: layout)
        let progress = ProgressLine(quiet: quiet)
        var failure = "no layout"
        var search: MapFrame?
        let frame = MapComputation(job, settings: settings) { frame in
            if case .failed(let message) = frame.stage { failure = message }
            if frame.approximateIndex != nil { search = frame }
            progress.show("\(method.title): \(ProjectCommand.describe(frame))")
            return true
        }.make()
        progress.finish()
        guard var finished = frame, finished.layout != nil else {
            throw CommandFailure("\(source): the \(method.title) map failed: \(failure)")
        }
        (finished.approximateIndex, finished.neighborRecall) = (search?.approximateIndex, search?.neighborRecall)
        return finished
    }
}
