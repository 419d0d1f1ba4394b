import DMLXEngine

/// What the UI holds of one training run: its published snapshots and status, copied
/// from the run's mailbox by the runtime (the UI never touches a run's queue).
public struct RunView: Sendable {
    public var name: String
    /// Epoch 0 first, one snapshot per epoch, in order.
    public var snapshots: [EpochSnapshot]
    public var status: TrainingRun.Status
    public var plannedEpochs: Int
    /// Whether the run fits a classic Mahalanobis learner (`--method`) rather than a deep loss.
    public var isClassic: Bool
    /// Batches or iterations done in the epoch under way (`TrainingRun.stepsInEpoch`).
    public var stepsInEpoch = 0

    public init(name: String, snapshots: [EpochSnapshot] = [], status: TrainingRun.Status = .waiting, plannedEpochs: Int,
                isClassic: Bool = false) {
        self.name = name
        self.isClassic = isClassic
        self.snapshots = snapshots
        self.status = status
        self.plannedEpochs = plannedEpochs
    }

    public var latestEpoch: Int? { snapshots.last?.epoch }

    /// The snapshot of `epoch`, or the newest one before it when the run is behind.
    public func snapshot(atEpoch epoch: Int) -> EpochSnapshot? {
        snapshots.last { $0.epoch <= epoch } ?? snapshots.first
    }

    /// The snapshot with the highest MAP@R up to `epoch` (epoch 0 excluded when trained).
    public func best(upToEpoch epoch: Int) -> EpochSnapshot? {
        snapshots.filter { $0.epoch <= epoch && $0.epoch > 0 }.max { $0.metrics.mapAtR < $1.metrics.mapAtR }
    }

    public var statusText: String {
        switch status {
        case .waiting: return "starting"
        case .running: return isClassic ? "fitting, iteration \(stepsInEpoch)" : "training"
        case .paused: return "paused"
        case .diverged(let message): return "paused: \(message)"
        case .finished: return "done"
        case .stopped: return "stopped"
        case .failed(let message): return "failed: \(message)"
        case .stalled: return "stalled (no news from its writer)"
        }
    }
}
