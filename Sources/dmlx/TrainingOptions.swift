import ArgumentParser
import DMLXEngine

/// The training options shared by `train`, `compare` and the terminal UI (DESIGN.md §3).
struct TrainingOptions: ParsableArguments {
    @Option(help: "A built-in data set (see `dmlx datasets`) or a path to a CSV/TSV, .npy or IDX file or directory.")
    var data = "digits"

    @Option(help: "stratified (half of each class held out) or zero-shot (first half of the classes train, the rest test).")
    var split: SplitProtocol = .stratified

    @Option(help: "linear (a learned Mahalanobis map) or mlp.")
    var model: ModelConfiguration.Kind = .mlp

    @Option(help: "Hidden layer widths of the MLP, comma-separated.")
    var hidden = "128"

    @Option(help: "Embedding dimension.")
    var dim = 32

    @Flag(inversion: .prefixedNo, help: "L2-normalise the embeddings (the deep losses' distances normalise anyway).")
    var normalize = true

    @Flag(inversion: .prefixedNo, help: "Standardise features with the training split's mean and deviation.")
    var standardize = true

    @Option(help: "The loss: \(TrainingOptions.lossList) (default: proxy-nca; formulas and defaults: `dmlx datasets`).")
    var loss: String?

    @Option(help: "A classic Mahalanobis learner instead of a deep loss: \(TrainingOptions.methodList) (kernel-NAME: any of them after RBF kernel PCA; formulas and defaults: `dmlx datasets`). Its learned L is the embedding; model, loss, batch and optimiser options do not apply.")
    var method: String?

    @Option(help: "Classic methods: constraints drawn from the labels (ITML, MMC: pairs of each kind; default 20·C² for C classes).")
    var constraints: Int?

    @Option(help: "LMNN: target neighbours per sample (default 3).")
    var neighbors: Int?

    @Option(help: "Classic methods: the cap on iterations (default: the method's own, see `dmlx datasets`).")
    var maxIterations: Int?

    @Option(help: "FARM: the regulariser on M, frobenius, l1 or nuclear (default frobenius).")
    var regularizer: FARM.Regularizer?

    @Option(help: "kernel-NAME methods: kernel PCA components (default min(training samples, 32)).")
    var kernelComponents: Int?

    @Option(help: "kernel-NAME methods: γ of the RBF kernel exp(−γ‖x − y‖²) (default 1/features).")
    var kernelGamma: Double?

    @Option(help: "The miner for pair and triplet losses: \(LossRegistry.minerNames.joined(separator: ", ")) (default: none for train; semihard for the triplet losses of compare and tui).")
    var miner: String?

    @Option(help: "With --miner offline-hard: epochs between recomputations of the training set's hard negatives (default 1).")
    var miningRefresh: Int?

    @Option(help: "Margin of the triplet loss and of margin-based miners (default: the loss's own; 0.2 for the triplet losses of compare and tui).")
    var margin: Double?

    @Option(help: "Contrastive loss: margin below which positive pairs are not pulled (default 0).")
    var posMargin: Double?

    @Option(help: "Contrastive loss: margin beyond which negative pairs are not pushed (default 1).")
    var negMargin: Double?

    @Option(help: "Softmax scale (1/temperature) of proxy-nca (default 1), normalized-softmax (20), ntxent (1/0.07) and smooth-ap (100).")
    var softmaxScale: Double?

    @Option(help: "Histogram loss: number of bins (default 100).")
    var bins: Int?

    @Option(help: "Proxies per class for proxy losses: a whole number, or a fraction below 1 for fewer proxies than classes, e.g. 0.5 (default 1).")
    var proxiesPerClass: Double?

    @Option(help: "Proxy-NCA proxy assignment: static (each class has its proxies from the start) or dynamic (a sample's proxy is the nearest one), as Movshovitz-Attias et al. 2017 (default static).")
    var proxyAssignment: ProxyAssignment?

    @Option(help: "Proxy-NCA form: nca (positive proxy in the denominator, as pytorch-metric-learning) or paper (excluded, as Movshovitz-Attias et al. 2017).")
    var proxyForm: ProxyNCAForm?

    @Option(help: "Number of training epochs (default 30; with --resume, the new total).")
    var epochs: Int?

    @Option(help: "Samples per batch.")
    var batchSize = 64

    @Option(help: "Samples per class in a batch; below 2, batches are plain shuffled slices.")
    var mPerClass = 8

    @Option(help: "Batch construction: m-per-class (classes × samples per class) or greedy (k-center coverage of a random pool in the current embedding, Roth et al. 2020).")
    var sampler: SamplerKind = .mPerClass

    @Option(help: "adam or sgd.")
    var optimizer: OptimizerConfiguration.Kind = .adam

    @Option(help: "Learning rate of the model.")
    var lr = 0.001

    @Option(help: "Learning rate of the proxies.")
    var proxyLr = 0.01

    @Option(help: "L2 weight decay of the model's parameters.")
    var weightDecay = 0.0

    @Option(help: "Momentum of SGD.")
    var momentum = 0.9

    @Option(help: "Random seed: the same seed and thread count give the same numbers.")
    var seed: UInt64 = 0

    @Option(help: "Threads for BLAS and neighbour search.")
    var threads = 1

    @Option(help: "Hold out this fraction (0 to 1, e.g. 0.2) of the training split for validation, scored every epoch (leave-one-out within it): zero-shot holds out whole training classes, stratified a share of each class; the test split stays as it is.")
    var validation: Double?

    @Option(help: "With --validation: stop after N epochs without a gain in validation MAP@R and keep the best epoch's model (deep losses only: a classic method fits once).")
    var patience: Int?

    @Option(help: "In the UI, the shortest time an epoch takes on screen, in seconds, so fast runs can be watched (training time and numbers are unaffected; 0: full speed).")
    var pace = 0.2

    @Option(help: "A directory to record every run's epochs in (the run-directory format that `dmlx watch DIR` reads; embeddings and proxies go there, only the epochs on screen stay in memory). Default for the UI: a fresh directory under $TMPDIR, else /var/tmp, removed on exit; for train and compare --headless: none (only the newest epoch is kept).")
    var history: String?

    @Option(help: "A TOML or JSON file of these options, keys spelled as here without the dashes (batch-size = 128, normalize = false); options given on the command line override it. Every run writes the options it ran with as such a file: config.json in --history DIR, \"options\" in epoch 0's --json record.")
    var config: String?

    func validate() throws {
        _ = try hiddenWidths()
        if loss != nil && method != nil {
            throw ValidationError("--loss and --method both choose what to learn; give one (to compare a loss with a method: dmlx compare --losses LOSS,METHOD)")
        }
        guard pace >= 0 && pace.isFinite else { throw ValidationError("--pace must be a non-negative number of seconds (got \(pace))") }
        // Every numeric option is range-checked here, by the engine's own rules, whichever
        // learner (a loss or a method) it ends up in.
        var numbers = try deepConfiguration(loss: loss ?? "proxy-nca")
        numbers.method = methodConfiguration(name: method ?? "")
        do {
            try numbers.validate()
        } catch let error as TrainingError {
            throw ValidationError(error.description)
        }
    }

    func hiddenWidths() throws -> [Int] {
        let widths = hidden.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !widths.isEmpty, widths.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw ValidationError("--hidden expects positive widths separated by commas, e.g. 256,128 (got \"\(hidden)\")")
        }
        return widths.map { $0! }
    }

    /// The configuration of a run of `name`, a loss or a classic method (the `--method`
    /// or `--loss` option unless given). A classic method fits in one epoch.
    func configuration(learner name: String? = nil) throws -> TrainingConfiguration {
        let chosen = name ?? method ?? loss ?? "proxy-nca"
        var configuration = try deepConfiguration(loss: chosen)
        if MahalanobisRegistry.descriptor(of: chosen) != nil {
            configuration.method = methodConfiguration(name: chosen)
            configuration.loss = LossConfiguration(name: "none")
            configuration.runName = chosen
            configuration.epochs = 1
        } else if method != nil && name == nil {
            throw LossRegistryError.unknownMethod(chosen, valid: MahalanobisRegistry.names)
        }
        return configuration
    }

    private func methodConfiguration(name: String) -> MahalanobisConfiguration {
        MahalanobisConfiguration(name: name, constraints: constraints, neighbors: neighbors, maxIterations: maxIterations,
                                 regularizer: regularizer, kernelComponents: kernelComponents, kernelGamma: kernelGamma)
    }

    private func deepConfiguration(loss lossName: String) throws -> TrainingConfiguration {
        let lossConfiguration = LossConfiguration(
            name: lossName, margin: margin, positiveMargin: posMargin, negativeMargin: negMargin,
            softmaxScale: softmaxScale, proxiesPerClass: proxiesPerClass, proxyForm: proxyForm,
            proxyAssignment: proxyAssignment, bins: bins)
        return TrainingConfiguration(
            data: data, split: split, standardize: standardize,
            model: ModelConfiguration(kind: model, hidden: try hiddenWidths(), dimension: dim, normalize: normalize),
            loss: lossConfiguration, miner: miner ?? "none", epochs: epochs ?? 30, batchSize: batchSize,
            mPerClass: mPerClass, sampler: sampler, miningRefresh: miningRefresh,
            optimizer: OptimizerConfiguration(kind: optimizer, learningRate: lr, proxyLearningRate: proxyLr,
                                              weightDecay: weightDecay, momentum: momentum),
            seed: seed, threads: threads, validation: validation, patience: patience)
    }
}

extension TrainingOptions {
    /// Every loss of `LossRegistry` and every method of `MahalanobisRegistry`, for help texts:
    /// a loss added to a registry appears in `--help` with no other change.
    static let lossList = LossRegistry.lossNames.joined(separator: ", ")
    static let methodList = MahalanobisRegistry.names.joined(separator: ", ")

    /// Runs of several losses to train side by side (compare, tui): the pair and triplet
    /// losses get `--miner`, proxy losses need none; triplet-family losses default to
    /// semi-hard mining, and the triplet loss itself to margin 0.2, the protocol of the
    /// README's numbers (the other losses keep their own margins).
    func sideBySideConfigurations(losses names: [String]) throws -> [TrainingConfiguration] {
        try names.map { name in
            var configuration = try configuration(learner: name)
            switch LossRegistry.descriptor(ofLoss: name)?.family {
            case .proxies?:
                configuration.miner = "none"
            case .triplets? where miner == nil:
                configuration.miner = "semihard"
                if name == "triplet" { configuration.loss.margin = margin ?? 0.2 }
            default:
                break
            }
            return configuration
        }
    }

    /// The names of a `--losses` list, or a usage error.
    static func lossNames(_ list: String, minimum: Int) throws -> [String] {
        let names = list.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard names.count >= minimum, Set(names).count == names.count, names.allSatisfy({ !$0.isEmpty }) else {
            let count = minimum == 1 ? "one or more" : "at least \(minimum)"
            throw ValidationError("--losses expects \(count) different loss or method names separated by commas (got \"\(list)\")")
        }
        for name in names where LossRegistry.descriptor(ofLoss: name) == nil && MahalanobisRegistry.descriptor(of: name) == nil {
            throw ValidationError("unknown loss or method '\(name)'; losses: \(LossRegistry.lossNames.joined(separator: ", ")); methods: \(MahalanobisRegistry.names.joined(separator: ", "))")
        }
        return names
    }
}

extension SplitProtocol: ExpressibleByArgument {}
extension ModelConfiguration.Kind: ExpressibleByArgument {}
extension OptimizerConfiguration.Kind: ExpressibleByArgument {}
extension ProxyNCAForm: ExpressibleByArgument {}
extension ProxyAssignment: ExpressibleByArgument {}
extension SamplerKind: ExpressibleByArgument {}
extension FARM.Regularizer: ExpressibleByArgument {}
