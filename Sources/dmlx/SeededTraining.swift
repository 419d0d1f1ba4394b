import DMLXEngine
import Foundation
import Synchronization

/// `--seeds` headless: every seed's runs trained to completion, `seedsAtOnce` seeds at a
/// time (each seed's runs side by side on their own queues, as `HeadlessTraining`), then
/// one summary per run.
enum SeededTraining {
    /// Trains the runs `makeTrainers` makes for each seed (their data and trainers are made
    /// when the seed starts, so memory holds only the seeds under way), reporting every
    /// epoch to `reporter` (which must be seeded), then prints the summaries of `runs`
    /// (the run names, in order). The first failure stops the seeds not yet started and is
    /// thrown once those under way end.
    static func run(seeds: [UInt64], seedsAtOnce: Int, runs: [String], reporter: RunReporter, history: URL?,
                    makeTrainers: @Sendable @escaping (UInt64) throws -> [any EpochTrainer]) throws {
        precondition(reporter.seeded, "a seeded run reports with a seeded reporter")
        let next = Atomic(0)
        let failure = Mutex<(any Error)?>(nil)
        // Plain threads, not Dispatch workers: each blocks until its seed's runs end, and
        // those runs need Dispatch's workers for their own queues.
        let done = DispatchGroup()
        for _ in 0..<min(seedsAtOnce, seeds.count) {
            done.enter()
            Thread {
                defer { done.leave() }
                while failure.withLock({ $0 == nil }) {
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard index < seeds.count else { return }
                    do {
                        try HeadlessTraining.run(try makeTrainers(seeds[index]), reporter: reporter, history: history)
                    } catch {
                        failure.withLock { $0 = $0 ?? error }
                    }
                }
            }.start()
        }
        done.wait()
        if let error = failure.withLock({ $0 }) { throw error }
        reporter.reportSummaries(runs: runs, seeds: seeds)
    }
}
