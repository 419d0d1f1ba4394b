/// The early-stopping rule of `--patience N`: after each epoch (epoch 0, the untrained
/// model, included) its validation MAP@R is recorded; an epoch is the new best when its
/// score is strictly higher than every earlier one (so among equal scores the earliest stays
/// best, and a NaN score never improves on a number); training stops once N epochs in a row
/// have not improved, or at the run's last epoch, and the run keeps the best epoch's model.
///
/// A pure value: the state after a sequence of scores depends on nothing else, so a
/// checkpoint's saved state can be checked by replaying its history (`replaying`).
public struct EarlyStopping: Sendable, Equatable {
    /// Why a run stopped.
    public enum Reason: String, Codable, Sendable {
        /// `patience` epochs in a row without a gain.
        case patience
        /// The configured number of epochs was reached.
        case epochs
    }

    public let patience: Int
    /// The run's last epoch (`--epochs`): reaching it stops the run too.
    public let lastEpoch: Int
    /// The best epoch so far; nil before any epoch is recorded.
    public private(set) var bestEpoch: Int?
    public private(set) var bestScore = Double.nan
    /// Epochs recorded since the best one (0 right after an improvement).
    public private(set) var epochsWithoutImprovement = 0
    /// The epoch at which the run stopped, and why; nil while it trains.
    public private(set) var stop: (epoch: Int, reason: Reason)?

    public init(patience: Int, lastEpoch: Int) {
        precondition(patience >= 1, "patience \(patience) below 1")
        self.patience = patience
        self.lastEpoch = lastEpoch
    }

    /// The state after recording `scores` for epochs 0, 1, … in turn.
    public init(patience: Int, lastEpoch: Int, replaying scores: [Double]) {
        self.init(patience: patience, lastEpoch: lastEpoch)
        for (epoch, score) in scores.enumerated() where stop == nil { _ = record(epoch: epoch, score: score) }
    }

    public var isStopped: Bool { stop != nil }

    /// Records `epoch`'s validation MAP@R (epochs in order, none after a stop) and returns
    /// whether it is the new best, whose model the caller then keeps.
    public mutating func record(epoch: Int, score: Double) -> Bool {
        precondition(stop == nil, "epoch \(epoch) recorded after the run stopped")
        let improved = bestEpoch == nil || score > bestScore || (bestScore.isNaN && !score.isNaN)
        if improved {
            (bestEpoch, bestScore, epochsWithoutImprovement) = (epoch, score, 0)
        } else {
            epochsWithoutImprovement += 1
        }
        if epochsWithoutImprovement >= patience {
            stop = (epoch, .patience)
        } else if epoch >= lastEpoch {
            stop = (epoch, .epochs)
        }
        return improved
    }

    public static func == (a: EarlyStopping, b: EarlyStopping) -> Bool {
        (a.patience, a.lastEpoch, a.bestEpoch, a.epochsWithoutImprovement) == (b.patience, b.lastEpoch, b.bestEpoch, b.epochsWithoutImprovement)
            && a.bestScore.bitPattern == b.bestScore.bitPattern && a.stop?.epoch == b.stop?.epoch && a.stop?.reason == b.stop?.reason
    }
}
