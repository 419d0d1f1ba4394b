import ArgumentParser
import DMLXCore
import DMLXEngine
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure training and retrieval speed on this machine and print the numbers.",
        discussion: """
            Training: median seconds per epoch (training only, evaluation excluded) for the \
            digits protocol of the README and for Fashion-MNIST zero-shot (MLP 784→256→64, \
            batch 128). Retrieval: exact Recall@K (K = 1, 2, 4, 8, leave-one-out) for N \
            points of dimension d. With --peers PYTHON the same invocation measures the peers \
            on this machine, on the same inputs and thread count: PyTorch + \
            pytorch-metric-learning epochs on dmlx's own prepared split, faiss's flat index on \
            the same points, metric-learn with --classic, openTSNE and umap-learn with --maps, \
            faiss with --scale; each row then shows the peer's time and peer/dmlx (above 1: \
            dmlx is faster). Without --peers only dmlx's numbers are printed.
            """)

    @Option(help: "Threads for BLAS and neighbour search.")
    var threads = 2

    @Option(help: "Epochs timed per training case (the median is reported).")
    var epochs = 5

    @Flag(help: "Smaller sizes for a quick look (N = 10,000 only; digits only).")
    var quick = false

    @Flag(help: "Only the classic Mahalanobis learners (NCA, LMNN, ITML, MMC) against metric-learn.")
    var classic = false

    @Option(help: "With --classic: constraint seeds averaged for ITML and MMC.")
    var seeds = 10

    @Option(help: "With --classic: comma-separated learners (euclidean, lda, nca, lmnn, itml, mmc, mmc-diagonal); all by default.")
    var methods = ""

    @Flag(help: "Only the 2-D maps: t-SNE and UMAP on digits and Fashion-MNIST t10k, time and trust, beside openTSNE and umap-learn when --peers is given.")
    var maps = false

    @Option(help: "The Python of the peers' virtual environment (Scripts/make-peers-venv.sh makes .venv-peers/bin/python): measure PyTorch + PML, faiss, metric-learn, openTSNE and umap-learn beside dmlx in this invocation.")
    var peers: String?

    @Flag(help: "Only scale: time and peak memory of eval and view on 60,000 × 784, 100,000 × 128 and 1,000,000 × 128 points, beside faiss's own search when --peers is given.")
    var scale = false

    @Option(help: "Only scrubbing: key-to-frame time of `[` through every epoch of the runs recorded in this --history directory, and resident memory against every epoch in memory.")
    var scrub: String?

    func validate() throws {
        try validateThreadCount(threads)
        guard (1...1000).contains(seeds) else { throw ValidationError("--seeds must be in 1...1000 (got \(seeds))") }
    }

    func run() throws {
        BLAS.threads = threads
        if let scrub {
            let result = try ScrubBenchmark.measure(directory: URL(fileURLWithPath: scrub), width: 200, height: 60)
            print(String(format: "scrub through %d epochs (200 × 60): key to frame median %.2f ms, 95th percentile %.2f ms, max %.2f ms   (target < 50 ms)",
                         result.epochs, Spread(result.latencies).median ?? .nan, Spread(result.latencies).p95 ?? .nan,
                         result.latencies.max() ?? .nan))
            print(String(format: "inspect screen (every epoch's neighbours of the selected point): key to frame median %.2f ms, max %.2f ms",
                         Spread(result.inspectLatencies).median ?? .nan, result.inspectLatencies.max() ?? .nan))
            return print(String(format: "resident memory: %.1f MB with the data loaded, %.1f MB after the scrub (epochs on screen read back), %.1f MB with every epoch's payload in memory",
                                result.dataMegabytes, result.onScreenMegabytes, result.everyEpochMegabytes))
        }
        let peer = peers.map { PythonPeer(python: $0, threads: threads) }
        if classic { return try ClassicBenchmark.run(seeds: seeds, methods: methods.split(separator: ",").map(String.init), peers: peer) }
        if scale {
            BLAS.threads = 1  // the search's workers call BLAS themselves
            return try ScaleBenchmark.run(threads: threads, python: peers, quick: quick)
        }
        if maps {
            BLAS.threads = 1  // the search's workers call BLAS themselves
            return try MapBenchmark.run(threads: threads, python: peers, quick: quick)
        }
        print("dmlx bench — threads \(threads), \(ProcessInfo.processInfo.activeProcessorCount) cores"
              + (peers.map { "; peers from \($0) on the same inputs and threads; peer/dmlx above 1: dmlx is faster" } ?? "; peers not run (see --peers)"))
        let directory = try PythonPeer.scratchDirectory("bench-peers")
        defer { try? FileManager.default.removeItem(at: directory) }
        print("\ntraining (median seconds per epoch over \(epochs) epochs, training only)")
        print(pad("case", 44) + "    dmlx" + (peer == nil ? "" : "   PyTorch+PML   peer/dmlx"))
        for benchCase in trainingCases where !quick || benchCase.data == "digits" {
            let (seconds, peerSeconds) = try medianEpochSeconds(benchCase, peer: peer, directory: directory)
            print(pad(benchCase.title, 44) + String(format: "%8.3f", seconds)
                  + (peerSeconds.map { String(format: "   %11.3f   ", $0) + PythonPeer.ratio(peer: $0, dmlx: seconds) } ?? ""))
        }
        print("\nterminal UI while both digits runs train (200 × 60, in-memory terminal)")
        let interface = try InterfaceBenchmark.measure(width: 200, height: 60, keys: quick ? 40 : 120)
        print(String(format: "frame render + diff: median %.2f ms, 95th percentile %.2f ms over %d frames   (target < 10 ms)",
                     Spread(interface.frames).median ?? .nan, Spread(interface.frames).p95 ?? .nan,
                     interface.frames.count))
        print(String(format: "key to frame: median %.2f ms, 95th percentile %.2f ms over %d keys   (target < 50 ms)",
                     Spread(interface.latencies).median ?? .nan, Spread(interface.latencies).p95 ?? .nan,
                     interface.latencies.count))
        BLAS.threads = threads

        print("\nexact Recall@K (leave-one-out, K = 1, 2, 4, 8: search and recall timed together)")
        print(pad("case", 44) + "    dmlx   R@1" + (peer == nil ? "" : "   faiss flat    R@1   peer/dmlx"))
        for n in quick ? [10_000] : [10_000, 60_000] {
            for d in [64, 128] {
                try printRecallRow(points: n, dimension: d, peer: peer, directory: directory)
            }
        }
    }

    private struct TrainingCase {
        var title: String
        var data: String
        var split: SplitProtocol
        var hidden: [Int]
        var dimension: Int
        var batchSize: Int
        var loss: String
        var miner: String
        var margin: Double?
    }

    private var trainingCases: [TrainingCase] {
        [
            TrainingCase(title: "digits stratified, Proxy-NCA", data: "digits", split: .stratified,
                         hidden: [128], dimension: 32, batchSize: 64, loss: "proxy-nca", miner: "none", margin: nil),
            TrainingCase(title: "digits stratified, triplet semihard", data: "digits", split: .stratified,
                         hidden: [128], dimension: 32, batchSize: 64, loss: "triplet", miner: "semihard", margin: 0.2),
            TrainingCase(title: "Fashion-MNIST zero-shot, Proxy-NCA", data: "fashion-mnist", split: .zeroShot,
                         hidden: [256], dimension: 64, batchSize: 128, loss: "proxy-nca", miner: "none", margin: nil),
            TrainingCase(title: "Fashion-MNIST zero-shot, triplet semihard", data: "fashion-mnist", split: .zeroShot,
                         hidden: [256], dimension: 64, batchSize: 128, loss: "triplet", miner: "semihard", margin: 0.2),
        ]
    }

    /// dmlx's median training seconds per epoch, and with `peer` PyTorch + PML's for the same
    /// configuration on the same prepared (split, standardised) training data, handed over
    /// as .npy in `directory`.
    private func medianEpochSeconds(_ benchCase: TrainingCase, peer: PythonPeer?, directory: URL) throws -> (dmlx: Double, peer: Double?) {
        var loss = LossConfiguration(name: benchCase.loss)
        loss.margin = benchCase.margin
        let configuration = TrainingConfiguration(
            data: benchCase.data, split: benchCase.split,
            model: ModelConfiguration(kind: .mlp, hidden: benchCase.hidden, dimension: benchCase.dimension),
            loss: loss, miner: benchCase.miner, epochs: epochs, batchSize: benchCase.batchSize, mPerClass: 8,
            seed: 0, threads: threads)
        let trainer = try Trainer(configuration, data: PreparedData(configuration))
        var seconds: [Double] = []
        for _ in 0..<epochs {
            if let snapshot = try trainer.trainEpoch() { seconds.append(snapshot.trainSeconds) }
        }
        guard let peer else { return (Spread(seconds).median ?? .nan, nil) }
        let train = trainer.data.split.train
        let files = try PythonPeer.export(train.features, labels: train.labels, as: "train", in: directory)
        let epochs = try peer.run("pml_training.py", [files.features, files.labels] + Self.peerArguments(configuration),
                                  as: PeerEpoch.self).records
        return (Spread(seconds).median ?? .nan, Spread(epochs.map(\.seconds)).median)
    }

    /// pml_training.py's options for `configuration`, every one taken from it.
    private static func peerArguments(_ configuration: TrainingConfiguration) -> [String] {
        ["--hidden", configuration.model.hidden.map(String.init).joined(separator: ","),
         "--dim", String(configuration.model.dimension), "--batch-size", String(configuration.batchSize),
         "--m-per-class", String(configuration.mPerClass), "--loss", configuration.loss.name, "--miner", configuration.miner,
         "--lr", String(configuration.optimizer.learningRate), "--proxy-lr", String(configuration.optimizer.proxyLearningRate),
         "--epochs", String(configuration.epochs), "--seed", String(configuration.seed)]
            + (configuration.loss.margin.map { ["--margin", String($0)] } ?? [])
    }

    /// One epoch of Scripts/reference/pml_training.py.
    private struct PeerEpoch: Decodable {
        let seconds: Double
    }

    /// One retrieval row: dmlx's time and Recall@1, and with `peer` faiss's flat index on
    /// the same points (handed over as .npy in `directory`) and the ratio of the times.
    private func printRecallRow(points: Int, dimension: Int, peer: PythonPeer?, directory: URL) throws {
        let (embeddings, labels) = GaussianMixture(points: points, dimension: dimension, classes: 10, noise: 2).sample()
        let (seconds, recall) = recallSeconds(embeddings, labels: labels)
        var row = pad("N = \(points), d = \(dimension)", 44) + String(format: "%8.3f  %.3f", seconds, recall[1] ?? .nan)
        if let peer {
            let files = try PythonPeer.export(embeddings, labels: labels, as: "points", in: directory)
            let ks = RetrievalMetrics.recallKs.map(String.init).joined(separator: ",")
            guard let search = try peer.run("faiss_search.py", [files.features, files.labels, "--recall-at", ks],
                                            as: FaissSearch.self).records.last else {
                throw CommandFailure("faiss_search.py printed no result")
            }
            row += String(format: "   %10.3f  %.3f   ", search.seconds, search.recallAt?["1"] ?? .nan)
                + PythonPeer.ratio(peer: search.seconds, dmlx: seconds)
        }
        print(row)
    }

    /// Times neighbour search plus Recall@K of `embeddings`, leave-one-out; returns the
    /// seconds and Recall@K by K.
    private func recallSeconds(_ embeddings: Matrix<Float>, labels: [Int]) -> (seconds: Double, recall: [Int: Double]) {
        BLAS.threads = 1  // the search's workers call BLAS themselves
        defer { BLAS.threads = threads }
        let start = DispatchTime.now().uptimeNanoseconds
        let neighbors = NearestNeighbors.search(queries: embeddings, references: embeddings, k: RetrievalMetrics.recallKs.max()!,
                                                excludeSelf: true, threads: threads)
        let recall = RetrievalScores.recallAt(neighbors: neighbors, labels: labels)
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, recall)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
    }
}
