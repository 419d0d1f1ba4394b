/// A `--patience` run's early-stopping state in a checkpoint: what `EarlyStopping` says
/// after the checkpoint's history (a reader replays the history and requires the same:
/// `Checkpoint.validate`), and the best epoch's weights while the run still trains, which
/// resuming needs to end exactly as the uninterrupted run. Once the run has stopped the
/// checkpoint's `parameters` are the best epoch's and `bestParameters` is empty.
public struct SavedEarlyStopping: Codable, Sendable, Equatable {
    public var bestEpoch: Int?
    /// The patience counter: epochs since the best one.
    public var epochsWithoutImprovement: Int
    public var stoppedAt: Int?
    public var stopReason: EarlyStopping.Reason?
    /// Named as the checkpoint's `parameters`.
    public var bestParameters: [SavedTensor]

    init(_ rule: EarlyStopping, bestParameters: [SavedTensor]) {
        bestEpoch = rule.bestEpoch
        epochsWithoutImprovement = rule.epochsWithoutImprovement
        stoppedAt = rule.stop?.epoch
        stopReason = rule.stop?.reason
        self.bestParameters = bestParameters
    }

    /// Whether `rule` is in the state saved here.
    func matches(_ rule: EarlyStopping) -> Bool {
        (bestEpoch, epochsWithoutImprovement, stoppedAt, stopReason)
            == (rule.bestEpoch, rule.epochsWithoutImprovement, rule.stop?.epoch, rule.stop?.reason)
    }

    var summary: String {
        "best epoch \(bestEpoch.map(String.init) ?? "none"), \(epochsWithoutImprovement) epochs without a gain"
            + (stoppedAt.map { ", stopped at epoch \($0) (\(stopReason?.rawValue ?? "?"))" } ?? "")
    }
}
