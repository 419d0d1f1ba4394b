import DMLXCore
import DMLXEngine
import Foundation

/// A peer library measured by a script of `Scripts/reference/` in the peers' Python
/// (`--peers PYTHON`, the venv of Scripts/make-peers-venv.sh), the one way every benchmark
/// launches its peers: the script runs to completion in a child process (so its peak memory
/// is its own), with every thread pool the Python libraries may start (OpenBLAS, OpenMP,
/// MKL, numba) limited to dmlx's thread count, and prints one JSON object per line, each
/// decoded as the caller's record type.
struct PythonPeer {
    /// The interpreter, as given to `--peers`.
    let python: String
    let threads: Int

    /// The environment variables that size the thread pools of NumPy, PyTorch, faiss,
    /// scikit-learn and umap-learn.
    static let threadVariables = ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"]

    /// Runs `script` with `arguments` (and `--threads`) and decodes its standard output,
    /// one `Record` per line. A script that fails, or prints a line that is not a `Record`,
    /// is an error naming the script and the line.
    func run<Record: Decodable>(_ script: String, _ arguments: [String], as _: Record.Type = Record.self) throws
        -> (records: [Record], process: MeasuredProcess) {
        let path = try ReferenceScript.locate(script).path
        let environment = Dictionary(uniqueKeysWithValues: Self.threadVariables.map { ($0, String(threads)) })
        let process: MeasuredProcess
        do {
            process = try MeasuredProcess.run(python, [path] + arguments + ["--threads", String(threads)], environment: environment)
        } catch {
            throw CommandFailure("--peers \(python): cannot run \(script) (\(error))")
        }
        guard process.status == 0 else {
            throw CommandFailure("\(path) exited with status \(process.status) (is \(python) the venv of Scripts/make-peers-venv.sh?)")
        }
        let lines = process.standardOutput.split(separator: "\n")
        let records = try lines.enumerated().map { number, line in
            do { return try JSONDecoder().decode(Record.self, from: Data(line.utf8)) } catch {
                throw CommandFailure("\(path), line \(number + 1) of its output: expected a JSON record of \(Record.self), got \(line.prefix(120))")
            }
        }
        return (records, process)
    }

    /// A fresh directory for the files dmlx hands a peer (its inputs as .npy, the maps it
    /// saves); the caller removes it.
    static func scratchDirectory(_ purpose: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dmlx-\(purpose)-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Writes `features` as `<stem>.npy` and `labels` as `<stem>-labels.npy` in `directory`
    /// (float32 and int64, as the scripts read them) and returns the two paths.
    static func export(_ features: Matrix<Float>, labels: [Int], as stem: String, in directory: URL) throws
        -> (features: String, labels: String) {
        let paths = (features: directory.appendingPathComponent(stem + ".npy").path,
                     labels: directory.appendingPathComponent(stem + "-labels.npy").path)
        try NpyWriter.write(features, to: paths.features)
        try NpyWriter.write(labels: labels, to: paths.labels)
        return paths
    }

    /// How every benchmark states a peer's time against dmlx's: peer seconds / dmlx
    /// seconds, so above 1 means dmlx is faster; "-" when either time is too small to divide.
    static func ratio(peer: Double, dmlx: Double) -> String {
        guard peer >= 1e-4, dmlx >= 1e-4, peer.isFinite, dmlx.isFinite else { return "-" }
        return String(format: "%.2f×", peer / dmlx)
    }
}
