import Dispatch
import Synchronization

/// The long steps under way, reported by the threads doing them and read by whoever
/// draws progress (the UI loop polls it; nothing waits on it). A step is known by its
/// title while it runs. `cancel()` asks every step to stop: their report closures
/// then answer false, which is how a user's quit reaches a search in progress.
public final class ProgressBoard: Sendable {
    private struct Entry {
        var title: String
        var share: Double?
        var started: UInt64
    }

    private let state = Mutex<(entries: [Entry], cancelled: Bool)>(([], false))

    public init() {}

    /// The steps under way, oldest first.
    public var tasks: [TaskProgress] {
        let now = DispatchTime.now().uptimeNanoseconds
        return state.withLock { state in
            state.entries.map { TaskProgress(title: $0.title, share: $0.share, elapsed: Double(now - $0.started) / 1e9) }
        }
    }

    public var isCancelled: Bool { state.withLock { $0.cancelled } }

    public func cancel() {
        state.withLock { $0.cancelled = true }
    }

    /// Runs `body` as the step `title`, which it reports through the closure it is given
    /// (share 0…1; the answer is false once the board is cancelled). The step leaves the
    /// board when `body` returns or throws.
    public func track<Value>(_ title: String, share: Double? = nil,
                             _ body: (_ report: @escaping @Sendable (Double) -> Bool) throws -> Value) rethrows -> Value {
        let started = DispatchTime.now().uptimeNanoseconds
        state.withLock { $0.entries.append(Entry(title: title, share: share, started: started)) }
        defer { state.withLock { $0.entries.removeAll { $0.title == title } } }
        return try body { [self] share in
            state.withLock { state in
                if let index = state.entries.firstIndex(where: { $0.title == title }) { state.entries[index].share = share }
                return !state.cancelled
            }
        }
    }
}
