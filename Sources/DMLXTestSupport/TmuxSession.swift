import Foundation
import Glibc
import Synchronization

/// Drives a terminal program inside a detached tmux session, for end-to-end tests: type
/// keys, read the screen, wait for text, resize, and read how the program ended.
///
/// Each session runs on a tmux server of its own (a socket in the temporary directory named
/// after the process and a counter), so tests may run in parallel and never touch the user's tmux. The pane
/// has exactly the requested size (no status line), TERM=tmux-256color, and stays open
/// after the program exits (remain-on-exit) so that its last screen and exit status can
/// be read. The server is killed by `kill()` or when the session is released.
///
/// Waiting polls every 25 ms up to a timeout; tests never need fixed sleeps.
public final class TmuxSession: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case tmuxFailed(arguments: [String], status: Int32, output: String)
        case timedOut(waitingFor: String, screen: [String])

        public var description: String {
            switch self {
            case .tmuxFailed(let arguments, let status, let output):
                return "tmux \(arguments.joined(separator: " ")) failed with status \(status): \(output)"
            case .timedOut(let condition, let screen):
                return "timed out waiting for \(condition); the screen shows:\n" + screen.joined(separator: "\n")
            }
        }
    }

    /// How the program in the pane ended.
    public enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signaled(Int32)
    }

    /// The tmux executable, found on PATH once.
    private static let executable: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("tmux") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
    private static let sessionCounter = Atomic<Int>(0)
    private static let pollSeconds = 0.025

    /// Whether tmux is installed (tests needing it are `.enabled(if: TmuxSession.isAvailable)`).
    public static var isAvailable: Bool { executable != nil }

    /// The tmux target naming the session's pane.
    public let target: String
    private let socket: String
    private let serverProcessID: pid_t

    /// Starts `command` (executed directly, not through a shell: pass `["sh", "-c", ...]`
    /// for shell syntax) in a detached `width` × `height` pane, with `environment` added
    /// to the test process's environment.
    public init(command: [String], width: Int = 80, height: Int = 24, environment: [String: String] = [:], workingDirectory: String? = nil) throws {
        let number = Self.sessionCounter.wrappingAdd(1, ordering: .relaxed).oldValue
        socket = FileManager.default.temporaryDirectory.appendingPathComponent("dmlx-tmux-\(getpid())-\(number).socket").path
        target = "dmlx"
        var arguments = [
            "start-server", ";",
            "set-option", "-g", "remain-on-exit", "on", ";",
            "set-option", "-g", "status", "off", ";",
            "set-option", "-g", "default-terminal", "tmux-256color", ";",
            "set-option", "-g", "history-limit", "0", ";",
            "new-session", "-d", "-s", target, "-x", String(width), "-y", String(height),
        ]
        if let workingDirectory { arguments += ["-c", workingDirectory] }
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(name)=\(value)"] }
        arguments += ["--"] + command
        try Self.tmux(socket: socket, arguments)
        let serverProcess = try Self.tmux(socket: socket, ["display-message", "-p", "#{pid}"])
        serverProcessID = Int32(serverProcess.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    deinit {
        kill()
    }

    /// Sends keys by tmux name: "q", "Space", "Enter", "Escape", "Up", "PageDown", "F1",
    /// "C-c", "BTab". Each argument is one key (or a string typed as it is, if tmux does not
    /// know it as a name).
    public func sendKeys(_ keys: String...) throws {
        try tmux(["send-keys", "-t", target] + keys)
    }

    /// Types `text` literally (no key names), including non-ASCII characters.
    public func sendText(_ text: String) throws {
        try tmux(["send-keys", "-t", target, "-l", "--", text])
    }

    /// The pane's visible lines, top to bottom, without trailing blanks; with `escapes`,
    /// colours and attributes are kept as SGR escape sequences.
    public func capture(escapes: Bool = false) throws -> [String] {
        let output = try tmux(["capture-pane", "-p", "-t", target] + (escapes ? ["-e"] : []))
        var lines = output.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Polls the screen until it contains `text`; returns that screen, or throws
    /// `Failure.timedOut` with the last screen seen.
    @discardableResult
    public func waitFor(text: String, timeout: Duration = .seconds(10)) throws -> [String] {
        try waitFor("\"\(text)\"", timeout: timeout) { screen in screen.contains { $0.contains(text) } }
    }

    /// Polls the screen until `predicate` holds for it; returns that screen.
    @discardableResult
    public func waitFor(_ description: String, timeout: Duration = .seconds(10), until predicate: ([String]) -> Bool) throws -> [String] {
        try poll(description, timeout: timeout) {
            let screen = try capture()
            return predicate(screen) ? screen : nil
        }
    }

    /// Polls until the program has ended and returns how.
    public func waitForExit(timeout: Duration = .seconds(10)) throws -> Termination {
        try poll("the program to exit", timeout: timeout, termination)
    }

    /// How the program ended, nil while it runs.
    ///
    /// tmux learns that a pane's program ended from SIGCHLD, which tmux before 3.5 built
    /// with libutempter (Debian's) can lose (tmux issues 311, 2679, 4559): the program stays
    /// a zombie and the pane never dies. A SIGCHLD sent to the server first makes it reap.
    public func termination() throws -> Termination? {
        if serverProcessID > 0 { Glibc.kill(serverProcessID, SIGCHLD) }
        let fields = try tmux(["display-message", "-p", "-t", target, "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0] == "1" else { return nil }
        if let signal = Int32(fields[2]) { return .signaled(signal) }
        return Int32(fields[1]).map { .exited($0) }
    }

    /// The exit status as a shell reports it (128 + the signal number for a signal), nil
    /// while the program runs.
    public var exitStatus: Int32? {
        switch try? termination() {
        case .exited(let status): status
        case .signaled(let signal): 128 + signal
        case nil: nil
        }
    }

    /// Resizes the pane, as a user resizing the terminal window would (the program gets
    /// SIGWINCH).
    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", target, "-x", String(width), "-y", String(height)])
    }

    /// The process id of the program in the pane (to send it signals).
    public func processID() throws -> Int32 {
        let output = try tmux(["display-message", "-p", "-t", target, "#{pane_pid}"])
        guard let pid = Int32(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure.tmuxFailed(arguments: ["display-message", "#{pane_pid}"], status: 0, output: output)
        }
        return pid
    }

    /// Ends the session and its tmux server (and so the program), and removes the server's
    /// socket, which tmux leaves behind. Idempotent.
    public func kill() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }

    /// Calls `attempt` every 25 ms until it returns a value or `timeout` passes.
    private func poll<Value>(_ condition: String, timeout: Duration, _ attempt: () throws -> Value?) throws -> Value {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            if let value = try attempt() { return value }
            if clock.now >= deadline { throw Failure.timedOut(waitingFor: condition, screen: try capture()) }
            Thread.sleep(forTimeInterval: Self.pollSeconds)
        }
    }

    /// Runs one tmux command and returns what it printed.
    ///
    /// Spawned with posix_spawn rather than `Process` for two reasons: the test runner's
    /// threads block most signals and a spawned tmux server (and every program in its
    /// panes) would inherit that mask, so a pane would ignore Ctrl-C and the server would
    /// never reap its children; and the server outlives the command, keeping any pipe it
    /// inherited open, so output goes through a file instead.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        try Self.tmux(socket: socket, arguments)
    }

    @discardableResult
    private static func tmux(socket: String, _ arguments: [String]) throws -> String {
        guard let executable else {
            throw Failure.tmuxFailed(arguments: arguments, status: -1, output: "tmux is not installed")
        }
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("dmlx-tmux-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let status = try spawnAndWait(
            executable.path, arguments: ["tmux", "-S", socket, "-f", "/dev/null"] + arguments, outputPath: outputURL.path)
        let text = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        guard status == 0 else { throw Failure.tmuxFailed(arguments: arguments, status: status, output: text) }
        return text
    }

    /// Runs `path` with stdin from /dev/null, stdout and stderr into `outputPath`, no
    /// blocked signals, default signal dispositions, and the environment without TMUX;
    /// returns its exit status.
    private static func spawnAndWait(_ path: String, arguments: [String], outputPath: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var resetSignals = sigset_t()
        sigemptyset(&resetSignals)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD, SIGWINCH, SIGTSTP] { sigaddset(&resetSignals, signal) }
        posix_spawnattr_setsigdefault(&attributes, &resetSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw Failure.tmuxFailed(arguments: arguments, status: -1, output: String(cString: strerror(spawned)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS are macros: the low 7 bits are the signal, the next 8 the status.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : -1
    }
}
