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
}
