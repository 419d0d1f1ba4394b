/// Everything that determines a training run. Printed with every result and stored in
/// checkpoints: the same configuration (and thread count) gives the same numbers.
public struct TrainingConfiguration: Codable, Sendable, Equatable {
    /// How the run is told apart in JSON records and on screen (defaults to the method or loss name).
    public var runName: String
    /// A built-in data set name or a path (`--data`).
    public var data: String
    public var split: SplitProtocol
    /// Whether features are standardised with the training split's mean and deviation.
    public var standardize: Bool
    public var model: ModelConfiguration
    public var loss: LossConfiguration
    /// A classic Mahalanobis learner (`--method`); when set, the run fits it instead of
    /// training `model` with `loss`, which are then ignored. Nil in runs saved before the
    /// option existed.
    public var method: MahalanobisConfiguration?
    /// A miner name from `LossRegistry`, or "none" to train on every valid tuple.
    public var miner: String
    public var epochs: Int
    public var batchSize: Int
    /// Samples per class in a batch (`MPerClassSampler`); below 2 batches are shuffled slices.
    public var mPerClass: Int
    /// How batches are drawn; nil (as in runs saved before the option existed): m-per-class.
    public var sampler: SamplerKind?
    /// Epochs between refreshes of a miner that embeds the whole training set
    /// (`EpochStartMiner`); nil: every epoch.
    public var miningRefresh: Int?
    public var optimizer: OptimizerConfiguration
    public var seed: UInt64
    /// BLAS threads of this run, and k-NN workers of its evaluation.
    public var threads: Int
    /// The fraction of the training split held out for validation (`--validation`), in
    /// (0, 1): whole classes under zero-shot, a share of each class under stratified
    /// (`DataSplit.holdingOutValidation`). Nil: no validation (as in runs saved before the
    /// option existed).
    public var validation: Double?
    /// Epochs without a gain in validation MAP@R after which training stops and the best
    /// epoch's model is kept (`--patience`, `EarlyStopping`); needs `validation`.
    public var patience: Int?

    public init(runName: String? = nil, data: String = "digits", split: SplitProtocol = .stratified,
                standardize: Bool = true, model: ModelConfiguration = ModelConfiguration(),
                loss: LossConfiguration, method: MahalanobisConfiguration? = nil, miner: String = "none", epochs: Int = 30, batchSize: Int = 64,
                mPerClass: Int = 8, sampler: SamplerKind? = nil, miningRefresh: Int? = nil,
                optimizer: OptimizerConfiguration = OptimizerConfiguration(),
                seed: UInt64 = 0, threads: Int = 1, validation: Double? = nil, patience: Int? = nil) {
        self.runName = runName ?? method?.name ?? loss.name
        self.data = data
        self.split = split
        self.standardize = standardize
        self.model = model
        self.loss = loss
        self.method = method
        self.miner = miner
        self.epochs = epochs
        self.batchSize = batchSize
        self.mPerClass = mPerClass
        self.sampler = sampler
        self.miningRefresh = miningRefresh
        self.optimizer = optimizer
        self.seed = seed
        self.threads = threads
        self.validation = validation
        self.patience = patience
    }
}

/// The independent random streams of a run, derived from its seed. Each purpose has its
/// own stream so that, e.g., two runs with different losses start from the same weights,
/// and epoch `e`'s batches do not depend on how many numbers earlier epochs drew (which
/// makes resuming from a checkpoint exact).
public enum RandomStream: UInt64 {
    case split = 1
    case modelInitialisation = 2
    case proxyInitialisation = 3
    case syntheticData = 4
    /// Which training samples or classes are held out for validation.
    case validationSplit = 5
    /// Batches and mining of epoch `e` use stream `epochBase + e`.
    case epochBase = 1000
}
