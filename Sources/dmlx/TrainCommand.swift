import ArgumentParser
import DMLXCore
import DMLXEngine
import Foundation

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one embedding headless and print its test metrics after every epoch.")

    @OptionGroup var options: TrainingOptions

    @Flag(help: "Print one JSON record per epoch (epoch 0, the untrained model, carries the raw-features baseline and the configuration).")
    var json = false

    @Option(help: "Write a checkpoint (model, proxies, optimizer state, configuration, history) here at the end.")
    var save: String?

    @Option(help: "Continue the run saved in this checkpoint exactly; only --epochs (the new total), --threads and output options apply.")
    var resume: String?

    func run() throws {
        try checkSaveDirectory()
        BLAS.threads = options.threads
        let trainer: any EpochTrainer
        if let resume {
            let checkpoint = try Checkpoint.read(from: URL(fileURLWithPath: resume))
            if let epochs = options.epochs, epochs < checkpoint.epoch {
                throw CommandFailure("\(resume): already trained \(checkpoint.epoch) epochs; --epochs is the new total and cannot be \(epochs)")
            }
            trainer = try checkpoint.resumedTrainer(file: resume, epochs: options.epochs)
        } else {
            let configuration = try options.configuration()
            trainer = try configuration.makeTrainer(data: PreparedData(configuration))
        }
        let reporter = RunReporter(json: json)
        if !json { reporter.write("configuration: \(trainer.configuration.json)") }
        try HeadlessTraining.run([trainer], reporter: reporter)
        if let save {
            try trainer.checkpoint.write(to: URL(fileURLWithPath: save))
        }
    }

    /// Fails before training rather than after it when the checkpoint cannot be saved where asked.
    private func checkSaveDirectory() throws {
        guard let save else { return }
        let directory = URL(fileURLWithPath: save).deletingLastPathComponent().path
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw CommandFailure("\(save): cannot be written (the directory \(directory) does not exist or is not writable)")
        }
    }
}
