import DMLXEngine
import Foundation
import Synchronization

/// Prints the progress of one or more runs as they publish epochs: JSON records, one per
/// line, or a human-readable table. Safe to call from several runs' queues at once; each
/// line is written whole and flushed, so a script reading a pipe sees records live.
///
/// With `seeded` (`--seeds`) every record carries its run's "seed" after "run", the table
/// names the seed, and the reporter keeps each run's final record per seed for
/// `reportSummaries`.
final class RunReporter: Sendable {
    private struct Progress {
        var printed = 0
        /// The newest record of each run and seed (`seeded` only).
        var finals: [String: [UInt64: JSONValue]] = [:]
    }

    private let json: Bool
    let seeded: Bool
    private let lock = Mutex(Progress())
    /// The options the command runs with, for epoch 0's record (`--config` reads them back).
    private let options: JSONValue?

    init(json: Bool, seeded: Bool = false) {
        self.json = json
        self.seeded = seeded
        options = json ? .object(ConfiguredArguments.recordedOptionsOfThisProcess) : nil
    }

    func report(_ snapshot: EpochSnapshot, data: PreparedData, configuration: TrainingConfiguration) {
        lock.withLock { progress in
            if seeded { progress.finals[snapshot.run, default: [:]][configuration.seed] = withSeed(snapshot.jsonRecord(), configuration) }
            if json {
                let isFirst = snapshot.epoch == 0
                write(withSeed(snapshot.jsonRecord(raw: isFirst ? data.rawMetrics : nil,
                                                   configuration: isFirst ? configuration : nil,
                                                   options: isFirst ? options : nil), configuration).rendered)
            } else {
                let run = seeded ? "\(snapshot.run) seed \(configuration.seed)" : snapshot.run
                let validated = data.split.validation != nil
                if progress.printed == 0 { write(Self.header + (validated ? Self.validationHeader : "")) }
                if snapshot.epoch == 0 { write(Self.row(run: "\(run) raw features", epoch: "-", loss: nil, seconds: nil, data.rawMetrics)) }
                write(Self.row(run: run, epoch: String(snapshot.epoch), loss: snapshot.loss,
                               seconds: snapshot.epoch == 0 ? nil : snapshot.trainSeconds, snapshot.metrics)
                      + (validated ? Self.cell(snapshot.validationMetrics?.mapAtR, Self.validationHeader.count) : ""))
            }
            progress.printed += 1
        }
    }

    /// `record` with "seed" after "run" when seeded.
    private func withSeed(_ record: JSONValue, _ configuration: TrainingConfiguration) -> JSONValue {
        guard seeded, case .object(var fields) = record else { return record }
        fields.insert(("seed", .encoded(String(configuration.seed))), at: fields.firstIndex { $0.0 == "run" }.map { $0 + 1 } ?? 0)
        return .object(fields)
    }

    /// The summaries of `runs` over `seeds` from the final records reported (runs that
    /// reported no epoch for some seed are left out).
    func summaries(runs: [String], seeds: [UInt64]) -> [SeedSummary] {
        lock.withLock { progress in
            runs.compactMap { run in
                let finals = seeds.compactMap { progress.finals[run]?[$0] }
                return finals.count == seeds.count ? SeedSummary(run: run, seeds: seeds, finals: finals) : nil
            }
        }
    }

    /// Prints one summary per run: its JSON record, or a table of mean, std and interval.
    func reportSummaries(runs: [String], seeds: [UInt64]) {
        let summaries = summaries(runs: runs, seeds: seeds)
        if json {
            summaries.forEach { write($0.json.rendered) }
            return
        }
        let list = seeds.count > 8 ? "\(seeds.prefix(8).map(String.init).joined(separator: ", ")), ..." : seeds.map(String.init).joined(separator: ", ")
        write("")
        write("summary over \(seeds.count) seed\(seeds.count == 1 ? "" : "s") (\(list)): mean, sample standard deviation and 95 % interval of the mean (Student t) of each run's final epoch")
        write(Self.summaryHeader)
        for summary in summaries {
            for metric in summary.metrics {
                write(Self.summaryRow(run: summary.run, metric: metric))
            }
        }
    }

    /// How a `--patience` run ended: its closing record (`earlyStoppingRecord`), or a line
    /// saying where it stopped and the row of the epoch it kept. Over seeds, the kept
    /// epoch's record, not the last one trained, is what the seed's summary takes.
    func reportOutcome(of trainer: any EpochTrainer) {
        guard let record = trainer.earlyStoppingRecord, let rule = trainer.earlyStopping, let stop = rule.stop,
              let best = rule.bestEpoch else { return }
        let configuration = trainer.configuration
        lock.withLock { progress in
            let closing = withSeed(record, configuration)
            if seeded { progress.finals[configuration.runName, default: [:]][configuration.seed] = closing }
            guard !json else {
                write(closing.rendered)
                return
            }
            let run = seeded ? "\(configuration.runName) seed \(configuration.seed)" : configuration.runName
            let kept = trainer.history[best]
            let why = stop.reason == .patience ? "no validation MAP@R gain in \(rule.patience) epochs" : "its last epoch"
            write("\(run): stopped at epoch \(stop.epoch) (\(why)); kept the model of epoch \(best), the best by validation MAP@R:")
            write(Self.row(run: "\(run) best", epoch: String(best), loss: kept.loss, seconds: nil, kept.metrics)
                  + Self.cell(kept.validationMetrics?.mapAtR, Self.validationHeader.count))
        }
    }

    func write(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private static let summaryHeader = "run                     metric                              mean        std  95 % interval"

    /// One metric of a run's summary: mean, std and interval to 4 decimals ("-" where the
    /// summary has none: no finite value in some seed, or a single seed).
    private static func summaryRow(run: String, metric: SeedSummary.Metric) -> String {
        func number(_ value: Double) -> String { String(format: abs(value) >= 1e4 ? "%.4g" : "%.4f", value) }
        func cell(_ value: Double?) -> String {
            let text = value.map(number) ?? "-"
            return String(repeating: " ", count: max(1, 11 - text.count)) + text
        }
        let name = metric.path.joined(separator: " ").padding(toLength: 30, withPad: " ", startingAt: 0)
        let interval = metric.summary?.confidenceInterval95.map { "[\(number($0.lowerBound)), \(number($0.upperBound))]" }
            ?? (metric.summary == nil ? "-" : "- (one seed: no interval)")
        return run.padding(toLength: 24, withPad: " ", startingAt: 0) + name + cell(metric.summary?.mean)
            + cell(metric.summary?.standardDeviation) + "  " + interval
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
    /// without, only the newest epoch's embeddings stay, in memory. With a seeded reporter,
    /// each run is recorded as NAME-seedS.
    static func run(_ trainers: [any EpochTrainer], reporter: RunReporter, checkpoints: CheckpointSchedule? = nil,
                    history: URL? = nil) throws {
        if let history { try ConfiguredArguments.writeOptions(into: history) }
        let box = Mutex<TrainingRun?>(nil)
        let runs = try trainers.map { trainer in
            let name = reporter.seeded ? SeedOptions.historyName(of: trainer.configuration) : nil
            let kept = try history.map { try TrainingRun.History.recorded(in: $0, for: trainer, name: name) } ?? .newestOnly
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
