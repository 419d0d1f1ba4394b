import DMLXApp
import DMLXCore
import DMLXEngine
import DMLXTerm
import Dispatch
import Foundation
import Synchronization

/// Measures the terminal UI while two runs train on both cores: the time to render and
/// diff one frame, and the time from a key's arrival to the end of the frame that shows
/// it. Frames go to a backend that keeps them in memory, so the numbers are the app's
/// own (a real terminal adds its write time, a few hundred microseconds at 200×60).
enum InterfaceBenchmark {
    struct Result {
        var frames: [Double]
        var latencies: [Double]
        /// The maps as the UI held them when it quit.
        var maps: MapAtlas
    }

    static func measure(width: Int, height: Int, keys keyCount: Int) throws -> Result {
        BLAS.threads = 1
        var configurations: [TrainingConfiguration] = []
        for (loss, miner, margin) in [("triplet", "semihard", 0.2 as Double?), ("proxy-nca", "none", nil)] {
            configurations.append(TrainingConfiguration(
                data: "digits", loss: LossConfiguration(name: loss, margin: margin), miner: miner, epochs: 1000))
        }
        let data = try PreparedData(configurations[0])
        // As the dashboard does: epochs recorded to a temporary run directory, read back while on screen.
        let history = HistoryDirectory(option: nil)
        defer { history.close() }
        let runs = try history.runs(of: configurations, data: data)
        let state = AppState(data: AppData(data, configuration: configurations[0]),
                             runs: configurations.map { RunView(name: $0.runName, plannedEpochs: $0.epochs) },
                             size: AppState.Size(width: width, height: height))
        // A walk through the scatter plot and the screens once training is under way.
        let walk: [Key] = (0..<keyCount).map { [.right, .down, .left, .up, .tab, .character("+"), .character("[")][$0 % 7] }
        let result = measure(state, runs: runs, maps: MapSettings(), keys: walk, start: 0.5)
        runs.forEach { $0.waitUntilDone() }
        return result
    }

    /// Runs the app on `state` with `runs` behind it while `keys` arrive every 60 ms from
    /// `start` seconds on, then `q`.
    static func measure(_ state: AppState, runs: [TrainingRun], maps: MapSettings, keys: [Key], start: Double) -> Result {
        let backend = ProbeBackend(width: state.size.width, height: state.size.height, keys: keys + [.character("q")],
                                   start: start, interval: 0.06)
        let runtime = AppRuntime(state: state, backend: backend, runs: runs, maps: MapRun(settings: maps),
                                 checkpointDirectory: URL(fileURLWithPath: NSTemporaryDirectory()))
        runtime.run()
        return Result(frames: runtime.recentFrameMilliseconds, latencies: backend.latencyMilliseconds, maps: runtime.state.maps)
    }
}
