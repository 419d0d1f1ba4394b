import DMLXApp
import DMLXCore
import DMLXEngine
import DMLXTerm
import Foundation

/// Measures scrubbing through recorded runs (`bench --scrub DIR`, DIR written by
/// `--history`): the dashboard on DIR's runs, their epochs published without payloads as
/// a recording run publishes them, `[` pressed from the newest epoch down to epoch 0. It
/// reports the time from each key to the end of its frame (which includes reading the
/// newly shown epochs back from disk) and the process's resident memory with only the
/// epochs on screen read back, against every epoch's payload in memory (as the UI kept
/// them before they went to disk).
enum ScrubBenchmark {
    struct Result {
        /// Key to frame of each `[`, in milliseconds.
        var latencies: [Double]
        /// Key to frame of each selection change on the Inspect screen, whose chart needs
        /// every epoch of every run.
        var inspectLatencies: [Double]
        var epochs: Int
        /// Resident megabytes with the data loaded, after the scrub, and with every
        /// epoch's payload in memory.
        var dataMegabytes: Double
        var onScreenMegabytes: Double
        var everyEpochMegabytes: Double
    }

    static func measure(directory: URL, width: Int, height: Int) throws -> Result {
        let (runs, problems) = RunDirectory.runs(in: directory)
        guard let first = runs.first else {
            throw CommandFailure("\(directory.path): no recorded run\(problems.isEmpty ? "" : " (" + problems.joined(separator: "; ") + ")")")
        }
        let configuration = try JSONDecoder().decode(TrainingConfiguration.self, from: Data(first.configuration.utf8))
        let data = AppData(try PreparedData(configuration), configuration: configuration)
        let before = residentMegabytes()
        let views = try runs.map(lightView)
        let state = AppState(data: data, runs: views, size: AppState.Size(width: width, height: height))
        let epochs = views.map { $0.snapshots.count }.max() ?? 0
        let inspect: [Key] = [.tab, .tab] + Array(repeating: .right, count: 5)
        let keys = [Key.end] + Array(repeating: Key.character("["), count: epochs) + inspect
        let result = InterfaceBenchmark.measure(state, runs: [], maps: MapSettings(), keys: keys, start: 0.2)
        let onScreen = residentMegabytes()
        let everyEpoch = try views.map { view in try view.snapshots.map { try $0.loadingPayload() } }
        let all = residentMegabytes()
        withExtendedLifetime(everyEpoch) {}
        return Result(latencies: Array(result.latencies.dropFirst().prefix(epochs)), inspectLatencies: Array(result.latencies.suffix(inspect.count - 1)),
                      epochs: epochs, dataMegabytes: before, onScreenMegabytes: onScreen, everyEpochMegabytes: all)
    }

    /// A recorded run as the UI holds a run that records its history: every epoch's
    /// scalars and projection, no payload. Metrics are not computed (the screens' cost
    /// does not depend on their values).
    private static func lightView(_ recorded: RecordedRun) throws -> RunView {
        var run = recorded
        _ = run.refresh()
        var track = ProjectionTrack()
        let metrics = RetrievalMetrics(recallAt: [1: 0, 2: 0, 4: 0, 8: 0], precisionAt1: 0, rPrecision: 0, mapAtR: 0, nmi: 0, ami: 0, knnAccuracy: 0)
        let snapshots = try run.epochs.map { epoch in
            let loaded = try run.loadEpoch(epoch)
            return EpochSnapshot(run: run.name, recorded: loaded, batches: run.batches(ofEpoch: epoch), seconds: 0, sinceStart: 0,
                                 metrics: metrics, projection: try track.next(loaded.embeddings))
                .recorded(in: run.directory.appendingPathComponent(RunDirectoryFormat.epochsDirectory)
                    .appendingPathComponent(RunDirectoryFormat.epochDirectoryName(epoch)))
        }
        return RunView(name: run.name, snapshots: snapshots, status: .finished, plannedEpochs: snapshots.count - 1)
    }

    /// VmRSS of /proc/self/status, in megabytes.
    private static func residentMegabytes() -> Double {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        return (line?.split(separator: " ").dropFirst().first).flatMap { Double($0) }.map { $0 / 1024 } ?? .nan
    }
}
