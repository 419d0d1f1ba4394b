import DMLXEngine
import Foundation
import Synchronization

/// Prints the progress of one or more runs as they publish epochs: JSON records, one per
/// line, or a human-readable table. Safe to call from several runs' queues at once; each
/// line is written whole and flushed, so a script reading a pipe sees records live.
final class RunReporter: Sendable {
    private let json: Bool
    private let lock = Mutex(0)

    init(json: Bool) {
        self.json = json
    }

    func report(_ snapshot: EpochSnapshot, data: PreparedData, configuration: TrainingConfiguration) {
        lock.withLock { printed in
            if json {
                let isFirst = snapshot.epoch == 0
                write(snapshot.jsonRecord(raw: isFirst ? data.rawMetrics : nil,
                                          configuration: isFirst ? configuration : nil).rendered)
            } else {
                let validated = data.split.validation != nil
                if printed == 0 { write(Self.header + (validated ? Self.validationHeader : "")) }
                if snapshot.epoch == 0 { write(Self.row(run: "\(snapshot.run) raw features", epoch: "-", loss: nil, seconds: nil, data.rawMetrics)) }
                write(Self.row(run: snapshot.run, epoch: String(snapshot.epoch), loss: snapshot.loss,
                               seconds: snapshot.epoch == 0 ? nil : snapshot.trainSeconds, snapshot.metrics)
                      + (validated ? Self.cell(snapshot.validationMetrics?.mapAtR, Self.validationHeader.count) : ""))
            }
            printed += 1
        }
    }

    /// How a `--patience` run ended: its closing record (`earlyStoppingRecord`), or a line
    /// saying where it stopped and the row of the epoch it kept.
    func reportOutcome(of trainer: any EpochTrainer) {
        guard let record = trainer.earlyStoppingRecord, let rule = trainer.earlyStopping, let stop = rule.stop,
              let best = rule.bestEpoch else { return }
        lock.withLock { _ in
            guard !json else {
                write(record.rendered)
                return
            }
            let kept = trainer.history[best]
            let why = stop.reason == .patience ? "no validation MAP@R gain in \(rule.patience) epochs" : "its last epoch"
            write("\(trainer.configuration.runName): stopped at epoch \(stop.epoch) (\(why)); kept the model of epoch \(best), the best by validation MAP@R:")
            write(Self.row(run: "\(trainer.configuration.runName) best", epoch: String(best), loss: kept.loss, seconds: nil, kept.metrics)
                  + Self.cell(kept.validationMetrics?.mapAtR, Self.validationHeader.count))
        }
    }

    func write(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private static let header = "run                     epoch     loss    R@1    R@2    R@4    R@8  MAP@R  R-prec    NMI    AMI  seconds"
    /// The column of the validation part's MAP@R, with `--validation`.
    private static let validationHeader = "  val MAP@R"

    private static func cell(_ value: Double?, _ width: Int, _ digits: Int = 3) -> String {
        // Large values (a classic learner's objective) trade decimals for a separating space.
        let text = value.map { value in
            let fixed = String(format: "%.\(digits)f", value)
            return fixed.count < width ? fixed : String(format: "%.\(max(1, width - 4))g", value)
        } ?? "-"
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private static func row(run: String, epoch: String, loss: Double?, seconds: Double?, _ m: RetrievalMetrics) -> String {
        let name = run.count > 22 ? String(run.prefix(22)) : run.padding(toLength: 22, withPad: " ", startingAt: 0)
        let recalls = RetrievalMetrics.recallKs.map { cell(m.recallAt[$0], 7) }.joined()
        return name + String(repeating: " ", count: max(1, 8 - epoch.count)) + epoch + cell(loss, 9, 4) + recalls
            + cell(m.mapAtR, 7) + cell(m.rPrecision, 8) + cell(m.nmi, 7) + cell(m.ami, 7) + cell(seconds, 9)
    }
}

/// Runs trainers to completion on their own queues, reporting every epoch.
enum HeadlessTraining {
    /// `checkpoints`, when given, are rewritten while the one trainer trains (a checkpoint
    /// is written on the run's queue, between epochs, so it is always of a whole epoch).
    /// With a `history` directory every epoch is recorded there (`dmlx watch` follows it);
    /// without, only the newest epoch's embeddings stay, in memory.
    static func run(_ trainers: [any EpochTrainer], reporter: RunReporter, checkpoints: CheckpointSchedule? = nil,
                    history: URL? = nil) throws {
        let box = Mutex<TrainingRun?>(nil)
        let runs = try trainers.map { trainer in
            let kept = try history.map { try TrainingRun.History.recorded(in: $0, for: trainer) } ?? .newestOnly
            return TrainingRun(trainer: trainer, history: kept, pausesOnDivergence: false) {
                [data = trainer.data, configuration = trainer.configuration] snapshot in
                reporter.report(snapshot, data: data, configuration: configuration)
                guard let checkpoints, checkpoints.isDue(after: snapshot.epoch), let run = box.withLock({ $0 }) else { return }
                run.save(to: checkpoints.file) { result in
                    if case .failure(let error) = result { FileHandle.standardError.write(Data("\(error)\n".utf8)) }
                }
            }
        }
        precondition(checkpoints == nil || runs.count == 1, "periodic checkpoints are of one run")
        box.withLock { $0 = runs.first }
        runs.forEach { $0.start() }
        runs.forEach { $0.waitUntilDone() }
        for run in runs {
            if case .failed(let message) = run.status { throw CommandFailure(message) }
        }
        // Every run is done: its trainer is no longer on its queue.
        trainers.forEach { reporter.reportOutcome(of: $0) }
    }
}

/// An error message for stderr and a non-zero exit.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
