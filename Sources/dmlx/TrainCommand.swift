import ArgumentParser
import DMLXCore
import DMLXEngine
import Foundation

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one embedding headless and print its test metrics after every epoch.")

    @OptionGroup var options: TrainingOptions

    @OptionGroup var seedOptions: SeedOptions

    @Flag(help: "Print one JSON record per epoch (epoch 0, the untrained model, carries the raw-features baseline and the configuration).")
    var json = false

    @Option(help: "Write a checkpoint (model, proxies, optimizer state, configuration, history) here while training and at the end (with --patience, once stopped, the best epoch's model; not with --seeds: train the seed to keep with --seed S --save FILE).")
    var save: String?

    @Option(help: "With --save: rewrite the checkpoint every N epochs (default: whenever a minute of training has passed since the last write), always replacing it whole, so a killed run resumes from a recent epoch.")
    var saveEvery: Int?

    @Option(help: "Continue the run saved in this checkpoint exactly; only --epochs (the new total), --threads and output options apply. A --patience run that has stopped trains no further (it prints its closing record again).")
    var resume: String?

    func validate() throws {
        if seedOptions.seeds != nil {
            if resume != nil { throw ValidationError("--seeds trains fresh runs; --resume continues one saved run (give one of them)") }
            if save != nil { throw ValidationError("--seeds trains one run per seed; --save writes one checkpoint (train the seed to keep with --seed S --save FILE)") }
        }
        if let saveEvery {
            guard save != nil else { throw ValidationError("--save-every needs --save") }
            guard (1...1_000_000).contains(saveEvery) else { throw ValidationError("--save-every must be in 1...1000000 (got \(saveEvery))") }
        }
    }

    func run() throws {
        if let seeds = try seedOptions.list() { return try trainSeeds(seeds) }
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
        let schedule = save.map { CheckpointSchedule(file: URL(fileURLWithPath: $0), everyEpochs: saveEvery) }
        // A run that failed still saves: the trainer holds whole epochs only (a diverged
        // epoch is rolled back, a classic fit records nothing until it succeeds).
        let outcome = Result {
            try HeadlessTraining.run([trainer], reporter: reporter, checkpoints: schedule,
                                     history: options.history.map(URL.init(fileURLWithPath:)))
        }
        if let save {
            try trainer.checkpoint.write(to: URL(fileURLWithPath: save))
        }
        try outcome.get()
    }

    /// The run once per seed, `--threads` BLAS threads each, as many seeds at once as the
    /// cores hold, then its summary.
    private func trainSeeds(_ seeds: [UInt64]) throws {
        BLAS.threads = options.threads
        let configuration = try options.configuration()
        let reporter = RunReporter(json: json, seeded: true)
        if !json { reporter.write("configuration (seed: each of --seeds): \(configuration.json)") }
        try SeededTraining.run(seeds: seeds, seedsAtOnce: SeedOptions.seedsAtOnce(seeds: seeds.count, coresPerSeed: options.threads),
                               runs: [configuration.runName], reporter: reporter,
                               history: options.history.map(URL.init(fileURLWithPath:))) { seed in
            var seeded = configuration
            seeded.seed = seed
            return [try seeded.makeTrainer(data: PreparedData(seeded))]
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
