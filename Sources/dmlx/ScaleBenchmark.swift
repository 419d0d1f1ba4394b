import DMLXCore
import DMLXEngine
import Foundation

/// `dmlx bench --scale`: what `dmlx eval` and `dmlx view` cost as the data grows — the
/// 60,000 Fashion-MNIST training images (784 pixels), then 100,000 and 1,000,000 seeded
/// Gaussian-mixture embeddings of dimension 128 (`GaussianMixture`, 1,000 classes, so R
/// stays near 1,000 as a many-class trained embedding's does). Every command runs in a
/// child process of its own, so its time and peak memory (from `wait4`) are its alone;
/// the view is `dmlx view --measure` in an in-memory terminal. With `--peers`, faiss's own
/// leave-one-out search (Scripts/reference/faiss_search.py) is measured the same way.
enum ScaleBenchmark {
    struct Input {
        var title: String
        var name: String
        var make: () throws -> (points: Matrix<Float>, labels: [Int])?
    }

    static func run(threads: Int, python: String?, quick: Bool) throws {
        print("dmlx bench --scale — threads \(threads), \(ProcessInfo.processInfo.activeProcessorCount) cores; every command in a child process, time and peak memory from wait4"
              + (python.map { "; faiss from \($0)" } ?? "; faiss's Python not run (--peers .venv-peers/bin/python)"))
        let directory = try PythonPeer.scratchDirectory("scale")
        defer { try? FileManager.default.removeItem(at: directory) }
        for input in inputs(quick: quick) {
            guard let (points, labels) = try input.make() else {
                print("\n\(input.title): not installed, skipped")
                continue
            }
            let files = try PythonPeer.export(points, labels: labels, as: input.name, in: directory)
            print("\n\(input.title), \(points.rows) × \(points.cols), \(points.rows * points.cols * 4 / 1_000_000) MB as float32")
            try measure(files, threads: threads, python: python)
        }
    }

    private static func inputs(quick: Bool) -> [Input] {
        let mixture = { (points: Int) in
            Input(title: "Gaussian mixture", name: "mixture-\(points)") {
                GaussianMixture(points: points, dimension: 128, classes: 1_000, noise: 0.35).sample()
            }
        }
        let fashion = Input(title: "Fashion-MNIST training images", name: "fashion-train") {
            guard FashionMNIST.isInstalled else { return nil }
            let train = try FashionMNIST.load().train
            return (train.features, train.labels)
        }
        return quick ? [mixture(100_000)] : [fashion, mixture(100_000), mixture(1_000_000)]
    }

    /// faiss's arguments for the index dmlx's eval used: none for exact (faiss's flat
    /// index), else IVF with the same nprobe (`neighbor_search.index` of eval's JSON, e.g.
    /// "IVF4000,Flat nprobe 4"; both take nlist = 4·√n).
    private static func sameIndex(as eval: MeasuredProcess) -> [String] {
        let index = (try? JSONSerialization.jsonObject(with: Data(eval.standardOutput.utf8)) as? [String: Any])
            .flatMap { $0["neighbor_search"] as? [String: Any] }?["index"] as? String ?? "exact"
        guard index.hasPrefix("IVF"), let nprobe = index.split(separator: " ").last.flatMap({ Int($0) }) else { return [] }
        return ["--ivf", "--nprobe", String(nprobe)]
    }

    private static func measure(_ files: (features: String, labels: String), threads: Int, python: String?) throws {
        let file = files.features
        let dmlx = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let eval = try MeasuredProcess.run(dmlx, ["eval", "--embeddings", file, "--threads", String(threads), "--quiet", "--json"])
        guard eval.status == 0 else { throw CommandFailure("dmlx eval \(file) exited with status \(eval.status)") }
        print(String(format: "  dmlx eval          %8.1f s   peak %6.2f GB", eval.seconds, eval.peakMegabytes / 1024))
        let view = try MeasuredProcess.run(dmlx, ["view", file, "--measure", "40"])
        guard view.status == 0 else { throw CommandFailure("dmlx view --measure \(file) exited with status \(view.status)") }
        let measured = try JSONDecoder().decode(ViewMeasurement.self, from: Data(view.standardOutput.utf8))
        print(String(format: "  dmlx view          first frame %.2f s, explorable %.1f s, key to frame median %.0f ms / p95 %.0f ms, peak %.2f GB",
                     measured.firstFrameSeconds ?? .nan, measured.explorableSeconds, measured.keyToFrame.median ?? .nan,
                     measured.keyToFrame.p95 ?? .nan, view.peakMegabytes / 1024))
        if let recall = measured.neighborRecallAt10 {
            print(String(format: "  neighbour panel    %@, recall@10 %.3f against exact search (1,000 queries), one point's neighbours median %.1f ms / worst %.1f ms",
                         measured.index, recall, measured.neighborQuery.median ?? .nan, measured.neighborQuery.worst ?? .nan))
        }
        guard let python else { return }
        let peer = try PythonPeer(python: python, threads: threads)
            .run("faiss_search.py", [files.features, files.labels] + Self.sameIndex(as: eval), as: FaissSearch.self)
        guard let search = peer.records.last else { throw CommandFailure("faiss_search.py printed no result") }
        print(String(format: "  faiss %@ %@ search k = %d: %.1f s, peak %.2f GB", search.version, search.index, search.k,
                     search.seconds, peer.process.peakMegabytes / 1024))
    }
}
