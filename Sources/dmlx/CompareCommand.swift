import ArgumentParser
import DMLXCore
import DMLXEngine
import Foundation

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Train several losses or classic methods side by side from the same initial weights and data split.",
        discussion: """
            On a terminal this opens the compare screen of the UI (MAP@R and Recall@1 against \
            epochs or seconds); with --json, --headless or a pipe it prints records instead. \
            Each run trains on its own queue with single-threaded BLAS; records are told apart \
            by "run". --miner applies to the pair and triplet losses (triplet losses default to \
            semi-hard mining at margin 0.2); proxy losses need none. A classic method (nca, \
            lmnn, itml, mmc, ...) fits in one epoch on the same split.

            With --seeds every seed's runs train side by side (as many seeds at once as the \
            cores hold, one per run) and each run ends with a summary record; on a terminal the \
            compare screen draws each run's mean curve with its 95 % interval band and says \
            whether the runs' intervals separate. There every seed trains on the first seed's \
            data split (so all screens share one test set); headless, each seed is exactly a \
            --seed run, split included.
            """)

    @OptionGroup var options: TrainingOptions

    @OptionGroup var seedOptions: SeedOptions

    @Option(help: "Comma-separated losses or classic methods to compare, e.g. triplet,proxy-nca or lmnn,proxy-nca. Losses: \(TrainingOptions.lossList). Methods: \(TrainingOptions.methodList).")
    var losses = "triplet,proxy-nca"

    @Flag(help: "Print one JSON record per run and epoch.")
    var json = false

    @Flag(help: "Print a table per epoch instead of opening the UI, even on a terminal.")
    var headless = false

    /// Checked here rather than in `run()` so the usage line printed with the error is compare's.
    func validate() throws {
        _ = try TrainingOptions.lossNames(losses, minimum: 2)
    }

    func run() throws {
        let configurations = try options.sideBySideConfigurations(losses: TrainingOptions.lossNames(losses, minimum: 2))
        let seeds = try seedOptions.list()
        if !json && !headless && InteractiveSession.hasTerminal {
            return try InteractiveSession.open(seeds.map { Self.seeded(configurations, $0) } ?? configurations, screen: .compare,
                                              pace: options.pace, history: HistoryDirectory(option: options.history), seeded: seeds != nil)
        }
        BLAS.threads = 1
        if let seeds {
            return try SeededTraining.run(seeds: seeds, seedsAtOnce: SeedOptions.seedsAtOnce(seeds: seeds.count, coresPerSeed: configurations.count),
                                          runs: configurations.map(\.runName), reporter: RunReporter(json: json, seeded: true),
                                          history: options.history.map(URL.init(fileURLWithPath:))) { seed in
                let runs = Self.seeded(configurations, [seed])
                let data = try PreparedData(runs[0])
                return try runs.map { try $0.makeTrainer(data: data) }
            }
        }
        let data = try PreparedData(configurations[0])
        let trainers = try configurations.map { try $0.makeTrainer(data: data) }
        try HeadlessTraining.run(trainers, reporter: RunReporter(json: json), history: options.history.map(URL.init(fileURLWithPath:)))
    }
}

extension CompareCommand {
    /// `configurations` once per seed, seed-major (every run of the first seed, then of the next).
    static func seeded(_ configurations: [TrainingConfiguration], _ seeds: [UInt64]) -> [TrainingConfiguration] {
        seeds.flatMap { seed in
            configurations.map { configuration in
                var seeded = configuration
                seeded.seed = seed
                return seeded
            }
        }
    }
}
