import DMLXEngine
import Foundation
import Synchronization

/// Prints the progress of one or more runs as they publish epochs: JSON records, one per
/// line, or a human-readable table. Safe to call from several runs' queues at once; each
/// line is written whole and flushed, so a script reading a pipe sees records live.
final class RunReporter: Sendable {
    private let json: Bool
    private let lock = Mutex(0)
    /// The options the command runs with, for epoch 0's record (`--config` reads them back).
    private let options: JSONValue?

    init(json: Bool) {
        self.json = json
        options = json ? (try? ConfiguredArguments.ofThisProcess()).map { .object($0.recordedOptions) } : nil
    }

    func report(_ snapshot: EpochSnapshot, data: PreparedData, configuration: TrainingConfiguration) {
        lock.withLock { printed in
            if json {
                let isFirst = snapshot.epoch == 0
                write(snapshot.jsonRecord(raw: isFirst ? data.rawMetrics : nil,
                                          configuration: isFirst ? configuration : nil,
                                          options: isFirst ? options : nil).rendered)
            } else {
                if printed == 0 { write(Self.header) }
                if snapshot.epoch == 0 { write(Self.row(run: "\(snapshot.run) raw features", epoch: "-", loss: nil, seconds: nil, data.rawMetrics)) }
                write(Self.row(run: snapshot.run, epoch: String(snapshot.epoch), loss: snapshot.loss,
                               seconds: snapshot.epoch == 0 ? nil : snapshot.trainSeconds, snapshot.metrics))
            }
            printed += 1
        }
    }

    func write(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private static let header = "run                     epoch     loss    R@1    R@2    R@4    R@8  MAP@R  R-prec    NMI    AMI  seconds"

    private static func row(run: String, epoch: String, loss: Double?, seconds: Double?, _ m: RetrievalMetrics) -> String {
        func cell(_ value: Double?, _ width: Int, _ digits: Int = 3) -> String {
            // Large values (a classic learner's objective) trade decimals for a separating space.
            let text = value.map { value in
                let fixed = String(format: "%.\(digits)f", value)
                return fixed.count < width ? fixed : String(format: "%.\(max(1, width - 4))g", value)
            } ?? "-"
            return String(repeating: " ", count: max(0, width - text.count)) + text
        }
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
        if let history { try ConfiguredArguments.ofThisProcess().writeOptions(into: history) }
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
    }
}

/// An error message for stderr and a non-zero exit.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
