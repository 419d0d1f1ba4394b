import ArgumentParser

/// The `dmlx` command line (DESIGN.md §3).
@main
struct DMLX: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dmlx",
        abstract: "A terminal laboratory for distance metric learning.",
        discussion: """
            Trains embeddings with deep metric losses (contrastive, triplet with mining, \
            Proxy-NCA, multi-similarity) and scores them with the retrieval metrics of \
            pytorch-metric-learning (Recall@K, MAP@R, R-precision, NMI, AMI).
            """,
        subcommands: [TuiCommand.self, TrainCommand.self, CompareCommand.self, EvalCommand.self,
                      ViewCommand.self, WatchCommand.self, ProjectCommand.self, ExportCommand.self, DatasetsCommand.self, BenchCommand.self],
        defaultSubcommand: TuiCommand.self)

    /// ArgumentParser's own `main`, with `--config FILE` read first.
    static func main() {
        let configured: ConfiguredArguments
        var command: any ParsableCommand
        do {
            configured = try ConfiguredArguments(Array(CommandLine.arguments.dropFirst()))
        } catch {
            exit(withError: error)
        }
        do {
            command = try parseAsRoot(configured.arguments)
        } catch {
            exit(withError: configured.attributing(error))
        }
        do {
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
