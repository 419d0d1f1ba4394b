import ArgumentParser
import DMLXCore
import DMLXEngine

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Train several losses side by side from the same initial weights and data split.",
        discussion: """
            Each run trains on its own queue with single-threaded BLAS; records are told apart \
            by "run". --miner applies to the pair and triplet losses; proxy losses need none.
            """)

    @OptionGroup var options: TrainingOptions

    @Option(help: "Comma-separated losses to compare.")
    var losses = "triplet,proxy-nca"

    @Flag(help: "Print one JSON record per run and epoch.")
    var json = false

    private var names: [String] {
        losses.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Checked here rather than in `run()` so the usage line printed with the error is compare's.
    func validate() throws {
        guard names.count >= 2, Set(names).count == names.count, names.allSatisfy({ !$0.isEmpty }) else {
            throw ValidationError("--losses expects at least two different loss names separated by commas (got \"\(losses)\")")
        }
    }

    func run() throws {
        let names = names
        BLAS.threads = 1
        let first = try options.configuration(loss: names[0])
        let data = try PreparedData(first)
        let trainers = try names.map { name in
            var configuration = try options.configuration(loss: name)
            if LossRegistry.descriptor(ofLoss: name)?.family?.usesMinedTuples == false {
                configuration.miner = "none"
            }
            return try Trainer(configuration, data: data)
        }
        try HeadlessTraining.run(trainers, reporter: RunReporter(json: json))
    }
}
