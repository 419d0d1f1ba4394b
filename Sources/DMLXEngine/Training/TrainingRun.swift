import DMLXCore
import Dispatch
import Foundation
import Synchronization

/// One training run on its own serial `DispatchQueue`, controllable from any thread.
///
/// Only the queue touches the trainer (parameters, optimizer state, random streams).
/// Controls (pause, resume, step, stop, learning rate) are flags behind a `Mutex`, read
/// between epochs (pause, step) or batches (stop, learning rate). Every finished epoch
/// is published as an immutable `EpochSnapshot` into a mailbox that the UI polls, its
/// embeddings and proxies kept as `History` says (in memory, or in a run directory that
/// the UI reads back while the epoch is on screen); the run never waits for its readers. Each epoch is its own work item on the queue, so
/// requests such as `save` run between epochs.
public final class TrainingRun: Sendable {
    public enum Status: Sendable, Equatable {
        case waiting
        case running
        case paused
        case finished
        case stopped
        case failed(String)
        /// Paused because the loss or the weights became infinite or NaN (the message says
        /// where); the trainer holds the last good epoch, and resuming trains on from it.
        case diverged(String)
        /// A watched run whose writer has gone quiet without closing it (killed, hung or
        /// cut off); it runs again if news comes.
        case stalled

        public var isTerminal: Bool {
            switch self {
            case .finished, .stopped, .failed: return true
            case .waiting, .running, .paused, .diverged, .stalled: return false
            }
        }
    }

    private struct Control {
        var paused = false
        var pendingSteps = 0
        var stopRequested = false
        var scheduled = false
        var learningRates: (model: Double, proxies: Double)?
        var epochLimit: Int
    }

    private struct Published {
        var snapshots: [EpochSnapshot] = []
        var status: Status = .waiting
        var stepsInEpoch = 0
    }

    public let configuration: TrainingConfiguration
    private let trainer: QueueBound<any EpochTrainer>
    private let queue: DispatchQueue
    private let control: Mutex<Control>
    private let mailbox = Mutex(Published())
    private let done = DispatchGroup()
    private let observer: (@Sendable (EpochSnapshot) -> Void)?
    private let minimumEpochSeconds: Double
    private let history: History
    private let pausesOnDivergence: Bool

    /// Wraps `trainer`, which from now on must only be used through this run.
    /// `observer` is called on the run's queue after each snapshot is published, with the
    /// snapshot whole (its payload included, whatever `history` keeps).
    /// `minimumEpochSeconds` paces the run for watching: an epoch that trained faster
    /// waits out the rest before the next begins (digits trains 30 epochs in well under a
    /// second). The wait is not training time and changes no number. `history` says
    /// where the epochs' embeddings, proxies and projections stay (a digits epoch's are
    /// 0.2 MB; 60,000 × 128, 30 MB). With `pausesOnDivergence` (someone is watching) a
    /// diverged epoch pauses the run as `.diverged`; without it (headless) the run fails.
    public init(trainer: any EpochTrainer, minimumEpochSeconds: Double = 0, history: History = .inMemory,
                pausesOnDivergence: Bool = true, observer: (@Sendable (EpochSnapshot) -> Void)? = nil) {
        self.minimumEpochSeconds = minimumEpochSeconds
        self.history = history
        self.pausesOnDivergence = pausesOnDivergence
        configuration = trainer.configuration
        self.observer = observer
        queue = DispatchQueue(label: "dmlx.run.\(trainer.configuration.runName)")
        self.trainer = QueueBound(trainer, queue: queue)
        control = Mutex(Control(epochLimit: trainer.configuration.epochs))
        mailbox.withLock { box in
            box.snapshots = trainer.history.map { EpochSnapshot(run: trainer.configuration.runName, record: $0) }
        }
        done.enter()
    }

    public var name: String { configuration.runName }
    /// Every published snapshot, oldest first.
    public var snapshots: [EpochSnapshot] { mailbox.withLock { $0.snapshots } }
    public var latest: EpochSnapshot? { mailbox.withLock { $0.snapshots.last } }
    public var status: Status { mailbox.withLock { $0.status } }
    /// Batches (deep runs) or iterations (classic fits) done in the epoch under way: a
    /// classic fit is one long epoch, and this is how its progress shows.
    public var stepsInEpoch: Int { mailbox.withLock { $0.stepsInEpoch } }

    /// Begins (or, for a resumed trainer, continues) training, optionally paused.
    /// A fresh trainer is first evaluated at epoch 0.
    public func start(paused: Bool = false) {
        control.withLock { $0.paused = paused }
        queue.async { [self] in
            if trainer.value.history.isEmpty { publish(trainer.value.evaluateInitialModel()) }
            guard !status.isTerminal else { return }  // epoch 0 could not be recorded
            setStatus(paused ? .paused : .running)
            scheduleEpoch()
        }
    }

    public func pause() {
        control.withLock { $0.paused = true }
    }

    public func resume() {
        control.withLock { $0.paused = false }
        scheduleEpoch()
    }

    /// Trains exactly one more epoch, then stays paused.
    public func step() {
        control.withLock {
            $0.paused = true
            $0.pendingSteps += 1
        }
        scheduleEpoch()
    }

    /// Stops after the current batch; the run cannot be resumed. Takes effect at once
    /// even while a paced run waits between epochs.
    public func stop() {
        control.withLock { $0.stopRequested = true }
        queue.async { [self] in advance() }
    }

    /// Raises the epoch limit so that a finished run can train further.
    public func extend(toEpochs limit: Int) {
        control.withLock { $0.epochLimit = max($0.epochLimit, limit) }
        scheduleEpoch()
    }

    public func setLearningRates(model: Double, proxies: Double) {
        control.withLock { $0.learningRates = (model, proxies) }
    }

    /// Blocks until the run has finished, stopped or failed.
    public func waitUntilDone() { done.wait() }

    /// Writes a checkpoint between epochs; `completion` runs on the run's queue with the
    /// epoch whose model was saved (a stopped `--patience` run's best epoch).
    public func save(to url: URL, completion: @escaping @Sendable (Result<Int, any Error>) -> Void) {
        queue.async { [self] in
            completion(Result {
                let checkpoint = trainer.value.checkpoint
                try checkpoint.write(to: url)
                return checkpoint.modelEpoch
            })
        }
    }

    private func scheduleEpoch(after delay: Double = 0) {
        let shouldSchedule = control.withLock { state -> Bool in
            if state.scheduled { return false }
            state.scheduled = true
            return true
        }
        guard shouldSchedule else { return }
        if delay > 0 {
            queue.asyncAfter(deadline: .now() + delay) { [self] in advance() }
        } else {
            queue.async { [self] in advance() }
        }
    }

    private enum Action { case train, idle, finish, stop }

    private func advance() {
        BackgroundPriority.lowerCurrentThread()
        let completed = trainer.value.epoch
        let isComplete = trainer.value.isComplete
        let action = control.withLock { state -> Action in
            state.scheduled = false
            if state.stopRequested { return .stop }
            if isComplete {
                state.pendingSteps = 0
                return .finish
            }
            if state.pendingSteps > 0 {
                state.pendingSteps -= 1
                return .train
            }
            if completed >= state.epochLimit { return .finish }
            return state.paused ? .idle : .train
        }
        switch (status, action) {
        case (.stopped, _), (.failed, _), (.finished, .finish), (.finished, .idle), (.diverged, .idle): return
        case (_, .idle): setStatus(.paused)
        case (_, .finish): setStatus(.finished)
        case (_, .stop): setStatus(.stopped)
        case (_, .train): trainOneEpoch()
        }
    }

    private func trainOneEpoch() {
        setStatus(.running)
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            mailbox.withLock { $0.stepsInEpoch = 0 }
            let snapshot = try trainer.value.trainEpoch { [self] in
                let (stop, rates) = control.withLock { state in
                    defer { state.learningRates = nil }
                    return (state.stopRequested, state.learningRates)
                }
                if let rates { trainer.value.setLearningRates(model: rates.model, proxies: rates.proxies) }
                if !stop { mailbox.withLock { $0.stepsInEpoch += 1 } }
                return !stop
            }
            if let snapshot { publish(snapshot) }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            scheduleEpoch(after: minimumEpochSeconds - elapsed)
        } catch TrainingError.diverged(let message) where pausesOnDivergence {
            control.withLock { $0.paused = true }
            setStatus(.diverged(message))
        } catch {
            setStatus(.failed(String(describing: error)))
        }
    }

    /// Publishes `snapshot` as `history` keeps it. A recorded epoch that cannot be
    /// written stays in memory whole and fails the run, saying why.
    private func publish(_ snapshot: EpochSnapshot) {
        var kept = snapshot
        var problem: String?
        if case .recorded(let recorder) = history, snapshot.embeddings != nil {
            do {
                kept = snapshot.recorded(in: try recorder.record(snapshot))
            } catch {
                problem = "cannot record epoch \(snapshot.epoch): \(error)"
            }
        }
        mailbox.withLock { box in
            if case .newestOnly = history, let last = box.snapshots.indices.last {
                (box.snapshots[last].embeddings, box.snapshots[last].proxies, box.snapshots[last].projection) = (nil, nil, nil)
            }
            box.snapshots.append(kept)
        }
        observer?(snapshot)
        if let problem { setStatus(.failed(problem)) }
    }

    /// Moves to `status`; `done` is entered while the run can still train and left when
    /// it reaches a terminal status (a finished run that steps again re-enters).
    private func setStatus(_ status: Status) {
        let previous = mailbox.withLock { box in
            defer { box.status = status }
            return box.status
        }
        if previous.isTerminal && !status.isTerminal {
            if case .recorded(let recorder) = history { recorder.reopen() }
            done.enter()
        }
        if !previous.isTerminal && status.isTerminal {
            closeRecord(status)
            done.leave()
        }
    }

    /// Writes a recorded run's `closed.json` as it reaches a terminal status (best
    /// effort: a reader without it sees a stalled run, and says so).
    private func closeRecord(_ status: Status) {
        guard case .recorded(let recorder) = history else { return }
        let error: String? = if case .failed(let message) = status { message } else { nil }
        try? recorder.close(epochs: trainer.value.epoch, error: error)
    }

}
