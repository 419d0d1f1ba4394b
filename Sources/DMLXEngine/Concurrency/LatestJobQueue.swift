import DMLXCore
import Dispatch
import Synchronization

/// Runs one job at a time on its own serial queue at background priority
/// (`BackgroundPriority`) and keeps what the jobs post in a mailbox that the UI polls
/// with `take()`, so the UI never waits for a job (DESIGN.md §6). It is the machinery
/// of the map queue (`MapRun`) and the class scoring queue.
///
/// Only the newest job counts:
/// - `submit` and `cancel` abandon every job submitted before them. An abandoned job
///   that has not started never runs; one under way learns it at its next post, whose
///   answer is false, and should then return (so it stops between its steps).
/// - A frame enters the mailbox only while its job is the newest: once `submit` or
///   `cancel` has returned, no frame of an older job is delivered. (Frames posted before
///   that stay until taken; the check and the bump share one lock, so none slips past.)
/// - A finished frame (`isFinished`) is kept until taken, however many frames follow
///   it, so a finished result is never lost; of the frames in between only the newest
///   is kept ("latest wins": progress is news only until the next), as `newestFrame` says.
public final class LatestJobQueue<Frame: Sendable>: Sendable {
    /// What becomes of the newest frame.
    public enum NewestFrame: Sendable {
        /// Every frame posted, finished ones included, becomes the newest, and `take()`
        /// leaves it in place: it is the state of the last job until a newer frame (maps:
        /// the UI draws the map under way and continues a superseded one from it).
        case kept
        /// Only unfinished frames become the newest, and `take()` empties it: progress is
        /// news once, and a finished frame comes only with the finished ones.
        case takenOnce
    }

    private struct State {
        var generation = 0
        var latest: Frame?
        var finished: [Frame] = []
    }

    /// The serial queue the jobs run on, for state only they touch (`QueueBound`).
    let queue: DispatchQueue
    private let newestFrame: NewestFrame
    private let isFinished: @Sendable (Frame) -> Bool
    private let state = Mutex(State())

    /// A queue named `label` (as debuggers show it) whose frames are finished when
    /// `isFinished` says so.
    public init(label: String, newestFrame: NewestFrame, isFinished: @escaping @Sendable (Frame) -> Bool) {
        queue = DispatchQueue(label: label)
        self.newestFrame = newestFrame
        self.isFinished = isFinished
    }

    /// Abandons any job under way and queues `job`, which runs with a `post` closure for
    /// its frames; `post` answers false once the job is abandoned.
    public func submit(_ job: @escaping @Sendable (_ post: @escaping @Sendable (Frame) -> Bool) -> Void) {
        let ticket = state.withLock { state in
            state.generation += 1
            return state.generation
        }
        queue.async { [self] in
            BackgroundPriority.lowerCurrentThread()
            guard state.withLock({ $0.generation == ticket }) else { return }
            job { [self] frame in post(frame, ticket: ticket) }
        }
    }

    /// Abandons the job under way, if any.
    public func cancel() {
        state.withLock { $0.generation += 1 }
    }

    /// Blocks until the queue has nothing left to do (after `cancel`, at most one step of
    /// the job that was under way).
    public func waitUntilIdle() {
        queue.sync {}
    }

    /// The newest frame (see `NewestFrame`) and the finished frames posted since the last
    /// call, oldest first; each finished frame is taken once.
    public func take() -> (latest: Frame?, finished: [Frame]) {
        state.withLock { state in
            defer {
                state.finished.removeAll()
                if newestFrame == .takenOnce { state.latest = nil }
            }
            return (state.latest, state.finished)
        }
    }

    private func post(_ frame: Frame, ticket: Int) -> Bool {
        let finished = isFinished(frame)
        return state.withLock { state in
            guard state.generation == ticket else { return false }
            if finished { state.finished.append(frame) }
            if !finished || newestFrame == .kept { state.latest = frame }
            return true
        }
    }
}
