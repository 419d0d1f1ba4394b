import DMLXEngine
import Foundation
import Synchronization

/// When `train --save` rewrites its checkpoint while training, so that a run killed at
/// any moment resumes (`--resume`) from a recent epoch: every `everyEpochs` epochs, or by
/// default whenever `minimumSeconds` of wall-clock time have passed since the last write
/// (one minute: a checkpoint costs milliseconds to a second, a lost minute is cheap).
/// Each write replaces the file atomically (`Checkpoint.write`: a temporary file renamed
/// into place), so a kill during a write leaves the previous checkpoint whole.
final class CheckpointSchedule: Sendable {
    let file: URL
    let everyEpochs: Int?
    let minimumSeconds: Double
    private let lastWrite = Mutex(Date().timeIntervalSince1970)

    init(file: URL, everyEpochs: Int?, minimumSeconds: Double = 60) {
        self.file = file
        self.everyEpochs = everyEpochs
        self.minimumSeconds = minimumSeconds
    }

    /// Whether the epoch just published should be saved; records the write if so.
    func isDue(after epoch: Int, now: Double = Date().timeIntervalSince1970) -> Bool {
        guard epoch > 0 else { return false }
        return lastWrite.withLock { last in
            let due = everyEpochs.map { epoch % $0 == 0 } ?? (now - last >= minimumSeconds)
            if due { last = now }
            return due
        }
    }
}
