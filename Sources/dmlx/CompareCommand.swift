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
            """)

    @OptionGroup var options: TrainingOptions

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
        if !json && !headless && InteractiveSession.hasTerminal {
            return try InteractiveSession.open(configurations, screen: .compare, pace: options.pace,
                                              history: HistoryDirectory(option: options.history))
        }
        BLAS.threads = 1
        let data = try PreparedData(configurations[0])
        let trainers = try configurations.map { try $0.makeTrainer(data: data) }
        try HeadlessTraining.run(trainers, reporter: RunReporter(json: json), history: options.history.map(URL.init(fileURLWithPath:)))
    }
}
