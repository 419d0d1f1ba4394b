import Dispatch
import DMLXCore
import DMLXEngine
import DMLXTerm
import Synchronization

/// Prepares the UI's state off the main thread while the terminal shows how far it has
/// come (`StartupView`), from the first frame: loading 10⁶ embeddings, scoring a data
/// set's raw features or building an index takes seconds to minutes, and a blank
/// terminal looks hung. q, Esc or Ctrl-C cancel `board`; the preparation's report
/// closures then answer false and it should give up (return nil) soon after.
public enum AppStartup {
    /// Runs `prepare` on a background thread, drawing `board`'s steps under `title` until
    /// it returns. Returns its value (nil when it gave up) or rethrows its error.
    public static func run<Backend: TerminalBackend, Value: Sendable>(
        on backend: Backend, title: String, board: ProgressBoard, _ prepare: @escaping @Sendable () throws -> Value?
    ) throws -> Value? {
        let outcome = Mutex<Result<Value?, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global(qos: .userInitiated).async {
            BackgroundPriority.lowerCurrentThread()
            let result = Result { try prepare() }
            outcome.withLock { $0 = result }
            done.signal()
        }
        var screen = Screen(backend: backend)
        var shown: [String]?
        // One frame at least, drawn before the first wait: the screen is never blank.
        repeat {
            let tasks = board.tasks
            if tasks.map({ $0.text() }) != shown {
                shown = tasks.map { $0.text() }
                let view = StartupView(title: title, tasks: tasks, isCancelling: board.isCancelled, glyphs: backend.glyphs)
                var buffer = screen.makeBuffer()
                view.render(into: &buffer, area: Rect(x: 0, y: 0, width: buffer.width, height: buffer.height))
                screen.present(buffer)
            }
            switch backend.readKey(timeoutMilliseconds: AppRuntime<Backend>.pollMilliseconds) {
            case .character("q"), .escape, .ctrl("c"):
                board.cancel()
                shown = nil
            case .resize:
                screen.invalidate()
                shown = nil
            default: break
            }
        } while done.wait(timeout: .now()) == .timedOut
        return try outcome.withLock { $0! }.get()
    }
}
