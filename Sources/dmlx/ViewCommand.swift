import ArgumentParser
import DMLXApp
import DMLXCore
import DMLXCurses
import DMLXEngine
import DMLXTerm
import Foundation

struct ViewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Explore given embeddings in the terminal UI: the scatter, neighbours and metrics.",
        discussion: """
            FILE is anything `dmlx eval` reads: .npy embeddings (labels from --labels or a \\
            sibling <name>-labels.npy), CSV/TSV (label in the last column, or labels from \\
            --labels / --metadata, e.g. the tensors.tsv and metadata.tsv of `dmlx export \\
            --format projector`).
            """)

    @Argument(help: "The embeddings.")
    var file: String

    @Option(help: "Labels: .npy (integers), IDX, or text with one label per line.")
    var labels: String?

    @Option(help: "A TensorBoard projector metadata file with one label per line (same as --labels).")
    var metadata: String?

    @Option(help: "Seed of the k-means++ clustering behind NMI and AMI.")
    var seed: UInt64 = 0

    @Option(help: "The map to open on: \(MapChoice.help). `p` cycles through all of them.")
    var map: MapChoice = .method(.pca)

    @OptionGroup var mapOptions: MapOptions

    @OptionGroup var search: IndexOptions

    func validate() throws {
        if labels != nil && metadata != nil { throw ValidationError("give --labels or --metadata, not both") }
    }

    @Option(help: ArgumentHelp("Measure instead of showing: open the view in a 200 × 60 terminal in memory, walk the scatter with this many keys (one every 200 ms from the moment it is explorable), print the timings as JSON (for `dmlx bench --scale`).", visibility: .hidden))
    var measure: Int?

    func run() throws {
        if let measure { return try measureView(keys: measure) }
        guard InteractiveSession.hasTerminal else { throw CursesError.notATerminal }
        BLAS.threads = 1
        try InteractiveSession.present(title: title, maps: mapSettings, opening)
    }

    private var title: String { "dmlx view \(file)" }

    /// The maps' settings, their k-NN graph searched as the neighbour panel's is.
    private var mapSettings: MapSettings {
        var settings = mapOptions.settings(interactive: true)
        settings.neighborIndex = (try? search.choice()) ?? .automatic
        return settings
    }

    /// The given embeddings read, projected, indexed for neighbour search (approximately,
    /// with its recall measured, when exact search would not answer within a minute) and
    /// set to be scored in the background.
    private var opening: @Sendable (ProgressBoard) throws -> InteractiveSession.Opening? {
        let (file, labels, seed, map, choice) = (file, labels ?? metadata, seed, map, try? search.choice())
        return { board in
            let data = try board.track("reading \(file)") { _ in try DatasetCatalog.load(file, labels: labels, seed: seed).train }
            guard data.count >= 2 else { throw CommandFailure("\(file): expected at least 2 embeddings, found \(data.count)") }
            let threads = BackgroundThreads.count(interactive: false)
            let kind = (choice ?? .automatic).resolvedKind(points: data.count, dimension: data.features.cols)
            let built = try board.track("building the \(kind.rawValue) index of \(data.count) points") { report in
                try NeighborIndex.build(data.features, choice: choice ?? .automatic, threads: threads, progress: report)
            }
            guard let index = built else { return nil }
            var state = try board.track("projecting \(data.count) points") { _ in
                try Self.state(showing: data, from: file, metrics: .unknown, map: map)
            }
            if !index.isExact {
                // Tuning measured it already, on the same sample, unless the parameter was given.
                let recall = try index.tuningRecall ?? board.track("measuring the index's recall@10 on 1,000 queries") { _ in
                    try index.measuredRecall(k: 10)
                }
                state.data.approximateNeighbors = (index, recall)
            }
            let run = GivenEmbeddingsRun(snapshot: state.runs[0].snapshots[0], labels: data.labels,
                                         index: index.withThreads(BackgroundThreads.count(interactive: true)), seed: seed,
                                         source: file, board: board)
            return (state, [run])
        }
    }

    /// `--measure`: how soon the first frame shows progress, how soon the view is
    /// explorable, and how long each key takes to its frame (the selected point's
    /// neighbours included) while the metrics are scored behind it.
    private func measureView(keys: Int) throws {
        BLAS.threads = 1
        let walk: [Key] = (0..<keys).map { [.right, .down, .left, .up][$0 % 4] } + [.character("q")]
        let backend = ProbeBackend(width: 200, height: 60, keys: walk, start: nil, interval: 0.2)
        let board = ProgressBoard()
        guard let opening = try InteractiveSession.prepareOpening(on: backend, title: title, board: board, opening) else { return }
        let explorable = backend.now
        backend.startKeys(after: 0.2)
        let runtime = InteractiveSession.runUI(on: backend, opening, board: board, maps: mapSettings)
        let (latencies, frames) = (backend.latencyMilliseconds, runtime.recentFrameMilliseconds)
        let approximate = opening.state.data.approximateNeighbors
        let measurement = ViewMeasurement(points: opening.state.data.pointCount, firstFrameSeconds: backend.firstFrameSeconds,
                                          explorableSeconds: explorable, keyToFrame: .init(latencies), frame: .init(frames),
                                          index: approximate?.index.summary ?? "exact", neighborRecallAt10: approximate?.recall.value,
                                          neighborQuery: .init(try approximate.map { try Self.queryMilliseconds($0.index) } ?? []))
        print(String(decoding: try JSONEncoder().encode(measurement), as: UTF8.self))
    }

    /// How long `index` takes to find one point's neighbours (the panel's 8), for 200
    /// seeded points.
    private static func queryMilliseconds(_ index: NeighborIndex) throws -> [Double] {
        var generator = SeededGenerator(seed: 7)
        return try generator.sampleIndices(min(200, index.points.rows), below: index.points.rows).map { point in
            let started = DispatchTime.now().uptimeNanoseconds
            _ = try index.neighbors(of: point, k: 8)
            return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        }
    }

    /// The UI's state for given embeddings: one "run" of epoch 0 with `metrics`, opened on `map`.
    static func state(showing data: Dataset, from file: String, metrics: RetrievalMetrics, map: MapChoice) throws -> AppState {
        var track = ProjectionTrack()
        let snapshot = EpochSnapshot(run: data.name, epoch: 0, loss: nil, batchLosses: [], trainSeconds: 0,
                                     cumulativeTrainSeconds: 0, metrics: metrics, statistics: [:], learningRate: 0,
                                     embeddings: data.features, projection: try? track.next(data.features))
        var appData = AppData(name: file, split: "embeddings", testLabels: data.labels, classNames: data.classNames,
                              rawTestFeatures: data.features, imageShape: data.imageShape, rawMetrics: metrics,
                              showsBaselines: false)
        if case .file(let path) = map { appData.givenMap = try MapChoice.load(path, points: data.count) }
        var state = AppState(data: appData,
                             runs: [RunView(name: data.name, snapshots: [snapshot], status: .finished, plannedEpochs: 0, kind: .given)],
                             size: AppState.Size(width: 80, height: 24))
        if case .method(let method) = map { state.projectionMode = ProjectionMode(method) } else { state.projectionMode = .given }
        return state
    }
}
