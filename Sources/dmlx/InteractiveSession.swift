import DMLXApp
import DMLXCore
import DMLXCurses
import DMLXEngine
import Foundation

/// Opens the terminal UI on runs of the given configurations, trained side by side from
/// the same initial weights on one prepared data set.
enum InteractiveSession {
    /// Whether standard input and output are both a terminal.
    static var hasTerminal: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// Opens the UI; fails fast, before any data is loaded, when there is no terminal.
    /// The runs record their epochs in `history` (`--history`).
    static func open(_ configurations: [TrainingConfiguration], screen: ScreenKind, pace: Double, history: HistoryDirectory) throws {
        guard hasTerminal else { throw CursesError.notATerminal }
        BLAS.threads = 1  // each run trains on its own core
        let data = try PreparedData(configurations[0])
        defer { history.close() }
        let runs = try history.runs(of: configurations, data: data, pace: pace)
        var state = AppState(
            data: AppData(data, configuration: configurations[0]),
            runs: configurations.map { RunView(name: $0.runName, plannedEpochs: $0.epochs, isClassic: $0.method != nil) },
            size: AppState.Size(width: 80, height: 24))
        state.screen = screen
        try present(state, runs: runs, maps: MapSettings())
    }

    /// Runs the UI on `state` (with `runs` training or followed behind it, and the runs
    /// `discovery` hands over later) until the user quits, making its maps with `maps`.
    static func present(_ state: AppState, runs: [any RunSource], discovery: (any RunDiscovery)? = nil, maps: MapSettings) throws {
        try TerminalSession.run { backend in
            AppRuntime(state: state, backend: backend, runs: runs, discovery: discovery, maps: MapRun(settings: maps),
                       checkpointDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).run()
        }
    }
}
