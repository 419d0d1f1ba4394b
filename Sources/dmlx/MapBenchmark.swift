import DMLXApp
import DMLXCore
import DMLXEngine
import DMLXTerm
import Dispatch
import Foundation

/// `dmlx bench --maps`: dmlx's t-SNE and UMAP against openTSNE and umap-learn on the same
/// input in the same invocation (the peers run in a Python of their own,
/// Scripts/reference/map_peers.py), each map scored by dmlx's trust scores (equal to
/// scikit-learn's `trustworthiness`, see MapTrustTests). dmlx's time runs from the
/// embeddings to the finished layout, the exact k-NN search included; the peers' is their
/// `fit` call, their own neighbour search included.
enum MapBenchmark {
    struct Peer: Decodable {
        let peer: String
        let version: String
        let fit: String
        let seconds: Double
    }

    /// `quick`: digits only, no 100,000-point view.
    static func run(threads: Int, python: String?, quick: Bool) throws {
        print("dmlx bench --maps — threads \(threads), \(ProcessInfo.processInfo.activeProcessorCount) cores"
              + (python.map { ", peers from \($0); peer/dmlx above 1: dmlx is faster" } ?? ", peers not run (Scripts/make-peers-venv.sh, then --peers .venv-peers/bin/python)"))
        var inputs = [("digits", try BuiltinDatasets.digits().features)]
        if !quick, FashionMNIST.isInstalled, let test = try FashionMNIST.load().test {
            inputs.append(("Fashion-MNIST t10k", test.features))
        }
        for (name, points) in inputs {
            print("\n\(name), \(points.rows) × \(points.cols) (raw features)")
            let peers = try python.map { try runPeers(PythonPeer(python: $0, threads: threads), on: points) }
            var settings = MapSettings()
            settings.threads = threads
            for method in [MapMethod.tsne, .umap] {
                try compare(method, on: points, settings: settings, peers: peers)
            }
        }
        if !quick { try viewWhileMapping(points: 100_000, dimension: 64) }
    }

    /// `dmlx view` of `points` Gaussian-cluster embeddings opened on t-SNE, keys arriving
    /// every 60 ms while the map is searched for and optimised (on all cores but the UI's,
    /// as view does by default): how long each key takes to its frame, how far the map got, and the process's
    /// peak memory. The metrics table is left empty (MAP@R of 100,000 points is not what
    /// is measured here).
    private static func viewWhileMapping(points: Int, dimension: Int) throws {
        let (embeddings, labels) = GaussianMixture(points: points, dimension: dimension, classes: 10, noise: 2).sample()
        let data = Dataset(name: "clusters", features: embeddings, labels: labels)
        let none = RetrievalMetrics(recallAt: [:], precisionAt1: .nan, rPrecision: .nan, mapAtR: .nan, nmi: .nan, ami: .nan,
                                    knnAccuracy: .nan)
        var state = try ViewCommand.state(showing: data, from: "clusters", metrics: none, map: .method(.tsne))
        state.size = AppState.Size(width: 200, height: 60)
        var settings = MapSettings()
        settings.threads = BackgroundThreads.count(interactive: true)  // view's default
        let walk: [Key] = (0..<750).map { [.right, .down, .left, .up, .character("+"), .character("-")][$0 % 6] }
        print("\ndmlx view of \(points) × \(dimension) points on t-SNE (200 × 60, in-memory terminal, map on \(settings.threads) thread\(settings.threads == 1 ? "" : "s")), keys every 60 ms for 45 s")
        let result = InterfaceBenchmark.measure(state, runs: [], maps: settings, keys: walk, start: 2)
        print(String(format: "key to frame: median %.1f ms, 95th percentile %.1f ms, worst %.1f ms over %d keys   (target < 50 ms)",
                     Spread(result.latencies).median ?? .nan, Spread(result.latencies).p95 ?? .nan,
                     result.latencies.max() ?? .nan, result.latencies.count))
        if let frame = result.maps.finished.values.first ?? result.maps.current {
            print("the map by then: \(frame.stage == .finished ? "finished" : "\(frame.stage)"), iteration \(frame.iteration)/\(frame.totalIterations) after "
                  + String(format: "%.1f s", frame.seconds))
        }
        print("peak memory \(peakResidentMegabytes()) MB (the embeddings are \(points * dimension * 4 / 1_000_000) MB)")
    }

    /// VmHWM of /proc/self/status, in MB.
    private static func peakResidentMegabytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        return (line?.split(separator: " ").dropFirst().first).flatMap { Int($0) }.map { $0 / 1024 } ?? -1
    }

    /// One method on one input: dmlx's map and time, then the peer's.
    private static func compare(_ method: MapMethod, on points: Matrix<Float>, settings: MapSettings,
                                peers: (results: [Peer], directory: URL)?) throws {
        let job = MapJob(key: MapKey(run: "bench", epoch: 0, projection: method.rawValue), method: method, embeddings: points)
        let started = DispatchTime.now().uptimeNanoseconds
        var layoutSeconds = 0.0
        let computation = MapComputation(job, settings: settings) { frame in
            if frame.stage == .scoring { layoutSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
            return true
        }
        guard let neighbors = computation.neighbors(),
              let frame = computation.run(neighbors: neighbors) else { throw CommandFailure("the \(method.title) map failed") }
        print(line(method.title.padding(toLength: 6, withPad: " ", startingAt: 0) + " dmlx", seconds: layoutSeconds, frame.trust))
        guard let peers else { return }
        let name = method == .tsne ? "openTSNE" : "umap-learn"
        let fits = peers.results.filter { $0.peer == name }
        guard let first = fits.first else { return print("       \(name): no result") }
        let layout = try NpyLoader.features(path: peers.directory.appendingPathComponent("\(name).npy").path)
        let trust = MapTrust.measure(embedding: points, layout: layout, embeddingNeighbors: neighbors,
                                     k: settings.trustNeighbors, queries: settings.trustQueries(points: points.rows, seed: 0))
        for fit in fits {
            let label = "       \(name) \(first.version)" + (fits.count > 1 ? " \(fit.fit)" : "")
            print(line(label, seconds: fit.seconds, fit.fit == first.fit ? trust : nil)
                  + "   peer/dmlx " + PythonPeer.ratio(peer: fit.seconds, dmlx: layoutSeconds))
        }
    }

    private static func line(_ label: String, seconds: Double, _ trust: MapTrust?) -> String {
        label.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "%8.2f s", seconds)
            + (trust.map { String(format: "   trust %.4f   %d-NN kept %.1f%%", $0.trustworthiness, $0.k, 100 * $0.neighborsKept) } ?? "")
    }

    /// Runs both peers on `points` and reads their JSON lines; their maps stay in the
    /// returned directory.
    private static func runPeers(_ peer: PythonPeer, on points: Matrix<Float>) throws -> (results: [Peer], directory: URL) {
        let directory = try PythonPeer.scratchDirectory("map-peers-\(points.rows)")
        let input = directory.appendingPathComponent("input.npy")
        try NpyWriter.write(points, to: input.path)
        return (try peer.run("map_peers.py", [input.path, directory.path], as: Peer.self).records, directory)
    }
}
