import DMLXApp
import DMLXCore
import DMLXCurses
import DMLXEngine
import DMLXTerm
import Foundation

/// Opens the terminal UI: first the startup screen while the state is prepared (every
/// step drawn as a progress bar), then the screens on the runs.
enum InteractiveSession {
    /// What the UI opens on: its state and the runs behind it, in the order of `state.runs`.
    typealias Opening = (state: AppState, runs: [any RunSource])

    /// Whether standard input and output are both a terminal.
    static var hasTerminal: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// Opens the UI on runs of the given configurations, trained side by side from the
    /// same initial weights on one prepared data set, recording their epochs in `history`
    /// (`--history`); fails fast, before any data is loaded, when there is no terminal.
    /// `seeded` (`--seeds`): the configurations are runs of several seeds, named and recorded
    /// with their seed, on the first configuration's data split.
    static func open(_ configurations: [TrainingConfiguration], screen: ScreenKind, pace: Double, history: HistoryDirectory,
                     seeded: Bool = false) throws {
        guard hasTerminal else { throw CursesError.notATerminal }
        BLAS.threads = 1  // each run trains on its own core
        defer { history.close() }
        try present(title: "dmlx \(configurations[0].data)", maps: MapSettings()) { board in
            let data = try PreparedData(configurations[0], progress: board)
            let runs = try history.runs(of: configurations, data: data, pace: pace, seeded: seeded)
            var state = AppState(
                data: AppData(data, configuration: configurations[0]),
                runs: configurations.map { configuration in
                    var run = RunView(name: configuration.runName, plannedEpochs: configuration.epochs, kind: configuration.method != nil ? .classic : .deep)
                    if seeded { run.seed = configuration.seed }
                    return run
                },
                size: AppState.Size(width: 80, height: 24))
            state.screen = screen
            return (state, runs)
        }
    }

    /// Shows the startup screen titled `title` while `prepare` makes the UI's opening
    /// (reporting its steps on the board it is given; nil when the user stopped it), then
    /// runs the UI on it (with the runs `discovery` hands over later) until the user
    /// quits, making its maps with `maps`.
    static func present(title: String, discovery: (any RunDiscovery)? = nil, maps: MapSettings,
                        _ prepare: @escaping @Sendable (ProgressBoard) throws -> Opening?) throws {
        let board = ProgressBoard()
        try TerminalSession.run { backend in
            guard let opening = try prepareOpening(on: backend, title: title, board: board, prepare) else { return }
            runUI(on: backend, opening, board: board, discovery: discovery, maps: maps)
        }
    }

    /// The startup screen on `backend` while `prepare` runs; nil when the user stopped it.
    static func prepareOpening<Backend: TerminalBackend>(on backend: Backend, title: String, board: ProgressBoard,
                                                         _ prepare: @escaping @Sendable (ProgressBoard) throws -> Opening?) throws -> Opening? {
        try AppStartup.run(on: backend, title: title, board: board) { () -> Opening? in
            do { return try prepare(board) } catch is CancellationError { return nil }
        }
    }

    /// The UI on `backend` until the user quits; returns the finished runtime (its last
    /// state and frame times).
    @discardableResult
    static func runUI<Backend: TerminalBackend>(on backend: Backend, _ opening: Opening, board: ProgressBoard,
                                                discovery: (any RunDiscovery)? = nil, maps: MapSettings) -> AppRuntime<Backend> {
        let runtime = AppRuntime(state: opening.state, backend: backend, runs: opening.runs, discovery: discovery,
                                 maps: MapRun(settings: maps), progress: board,
                                 checkpointDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        runtime.run()
        return runtime
    }
}
