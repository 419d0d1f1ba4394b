import ArgumentParser
import DMLXApp
import DMLXEngine

struct TuiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the interactive dashboard (the default command).",
        discussion: """
            Trains the --losses side by side from the same initial weights (default: triplet \
            with semi-hard mining at margin 0.2, and Proxy-NCA, on the built-in digits) while \
            showing loss curves, metrics, the embedding and the neighbours of a chosen point. \
            Press ? for the keys.
            """)

    @OptionGroup var options: TrainingOptions

    @Option(help: "Comma-separated losses or classic methods to train side by side (default: triplet,proxy-nca, or the one --loss or --method).")
    var losses: String?

    private var lossList: String { losses ?? options.method ?? options.loss ?? "triplet,proxy-nca" }

    func validate() throws {
        _ = try TrainingOptions.lossNames(lossList, minimum: 1)
    }

    func run() throws {
        let configurations = try options.sideBySideConfigurations(losses: TrainingOptions.lossNames(lossList, minimum: 1))
        try InteractiveSession.open(configurations, screen: .dashboard, pace: options.pace,
                                              history: HistoryDirectory(option: options.history))
    }
}
