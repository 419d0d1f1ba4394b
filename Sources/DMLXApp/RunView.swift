import DMLXEngine

/// What the UI holds of one training run: its published snapshots and status, copied
/// from the run's mailbox by the runtime (the UI never touches a run's queue), and the
/// payloads of the epochs on screen where the run keeps its history on disk.
public struct RunView: Sendable {
    /// What the run is: a deep loss trained here or elsewhere, a classic Mahalanobis
    /// learner (`--method`), or embeddings given to `dmlx view`, which nothing trains.
    public enum Kind: Sendable, Equatable {
        case deep
        case classic
        case given
    }

    public var name: String
    /// Epoch 0 first, one snapshot per epoch, in order. A run that records its history
    /// publishes them without their payloads (`EpochSnapshot.recordedIn`).
    public var snapshots: [EpochSnapshot]
    /// The payloads read back from the run directory, by epoch: only those of the epochs
    /// on screen (`AppState.refreshResidentEpochs`).
    public internal(set) var resident: [Int: EpochPayload] = [:]
    public var status: TrainingRun.Status
    public var plannedEpochs: Int
    public var kind: Kind
    /// The run's seed when it is one of several seeds of the same run (`--seeds`): runs of
    /// one name and different seeds are drawn as one mean curve with its band on the
    /// compare screen.
    public var seed: UInt64?
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

    /// The name, with the seed when the run is one of several seeds ("triplet s3").
    public var label: String { seed.map { "\(name) s\($0)" } ?? name }

    public var latestEpoch: Int? { snapshots.last?.epoch }

    /// The snapshot of `epoch`, or the newest one before it when the run is behind, with
    /// its payload when that is resident.
    public func snapshot(atEpoch epoch: Int) -> EpochSnapshot? {
        guard var snapshot = snapshots.last(where: { $0.epoch <= epoch }) ?? snapshots.first else { return nil }
        if snapshot.embeddings == nil, let payload = resident[snapshot.epoch] { snapshot.payload = payload }
        return snapshot
    }

    /// The first snapshot (epoch 0 unless restored from a checkpoint), as `snapshot(atEpoch:)` gives it.
    public var initial: EpochSnapshot? { snapshots.first.flatMap { snapshot(atEpoch: $0.epoch) } }

    /// The snapshot with the highest MAP@R up to `epoch` (epoch 0 excluded when trained).
    public func best(upToEpoch epoch: Int) -> EpochSnapshot? {
        snapshots.filter { $0.epoch <= epoch && $0.epoch > 0 }.max { $0.metrics.mapAtR < $1.metrics.mapAtR }
    }

    /// The snapshot with the highest validation MAP@R up to `epoch`, epoch 0 included and
    /// the earliest among equals: by `EarlyStopping`'s own rule, the epoch whose model a
    /// `--patience` run keeps. Nil for runs without `--validation`.
    public func bestByValidation(upToEpoch epoch: Int) -> EpochSnapshot? {
        let scored = snapshots.filter { $0.epoch <= epoch && $0.validationMetrics != nil }
        let rule = EarlyStopping(patience: .max, lastEpoch: .max, replaying: scored.map { $0.validationMetrics?.mapAtR ?? .nan })
        return rule.bestEpoch.map { scored[$0] }
    }

    /// Whether the run scores a validation part every epoch (`--validation`).
    public var isValidated: Bool { snapshots.first?.validationMetrics != nil }

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
        case .diverged(let message): return "paused: \(message)"
        // Only --patience ends a validated run before its planned epochs.
        case .finished: return isValidated && (latestEpoch ?? 0) < plannedEpochs ? "stopped early" : "done"
        case .stopped: return "stopped"
        case .failed(let message): return "failed: \(message)"
        case .stalled: return "stalled (no news from its writer)"
        }
    }
}
