import DMLXEngine

/// What the UI holds of one training run: its published snapshots and status, copied
/// from the run's mailbox by the runtime (the UI never touches a run's queue).
public struct RunView: Sendable {
    /// What the run is: a deep loss trained here or elsewhere, a classic Mahalanobis
    /// learner (`--method`), or embeddings given to `dmlx view`, which nothing trains.
    public enum Kind: Sendable, Equatable {
        case deep
        case classic
        case given
    }

    public var name: String
    /// Epoch 0 first, one snapshot per epoch, in order.
    public var snapshots: [EpochSnapshot]
    public var status: TrainingRun.Status
    public var plannedEpochs: Int
    public var kind: Kind
    /// Batches or iterations done in the epoch under way (`TrainingRun.stepsInEpoch`).
    public var stepsInEpoch = 0

    public init(name: String, snapshots: [EpochSnapshot] = [], status: TrainingRun.Status = .waiting, plannedEpochs: Int,
                kind: Kind = .deep) {
        self.name = name
        self.kind = kind
        self.snapshots = snapshots
        self.status = status
        self.plannedEpochs = plannedEpochs
    }

    public var isClassic: Bool { kind == .classic }

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
        case .running:
            switch kind {
            case .deep: return "training"
            case .classic: return "fitting, iteration \(stepsInEpoch)"
            case .given: return "scoring"
            }
        case .paused: return "paused"
        case .finished: return "done"
        case .stopped: return "stopped"
        case .failed(let message): return "failed: \(message)"
        case .stalled: return "stalled (no news from its writer)"
        }
    }
}
