import DMLXCore

/// A training configuration's data, loaded, split and standardised once and shared by
/// every run that trains on it (the two runs of `dmlx compare` see identical splits).
public struct PreparedData: Sendable {
    public let split: DataSplit
    /// Fitted on the training split; nil when `standardize` is off.
    public let standardizer: Standardizer?
    /// The test split as loaded, before standardisation (pixels for thumbnails).
    public let rawTest: Dataset
    /// Metrics of the test split's raw (unstandardised) features: the baseline a run must
    /// beat for training to have helped.
    public let rawMetrics: RetrievalMetrics

    /// Reading the data and scoring its raw features (seconds for Fashion-MNIST) are
    /// steps on `board`; a cancelled board stops the scoring with `CancellationError`.
    public init(_ configuration: TrainingConfiguration, progress board: ProgressBoard = ProgressBoard()) throws {
        let loaded = try board.track("reading \(configuration.data)") { _ in
            try DatasetCatalog.load(configuration.data, seed: configuration.seed)
        }
        let raw = try DataSplit.make(loaded, protocol: configuration.split, seed: configuration.seed)
        try Self.validate(raw, configuration)
        let held = try configuration.validation.map {
            try raw.holdingOutValidation($0, protocol: configuration.split, seed: configuration.seed, source: configuration.data)
        } ?? raw
        rawTest = raw.test
        // An exact index cannot fail: `try?` only unwraps its result.
        let scored = board.track("scoring the raw features of \(raw.test.count) test points") { report in
            try? MetricSuite.evaluate(index: .exact(raw.test.features, threads: configuration.threads), labels: raw.test.labels,
                                      seed: configuration.seed, abandoningWhen: report)
        }
        guard let scored else { throw CancellationError() }
        rawMetrics = scored
        if configuration.standardize {
            // Fitted on the whole training part, validation samples included: their features
            // (not labels) then shape the scaling, but the test split a model sees is the same
            // with and without --validation, bit for bit, as are the untrained model's scores.
            let standardizer = Standardizer(fitting: raw.train.features)
            self.standardizer = standardizer
            split = DataSplit(train: standardizer.apply(held.train), test: standardizer.apply(held.test),
                              validation: held.validation.map { standardizer.apply($0) })
        } else {
            standardizer = nil
            split = held
        }
    }

    /// The test split's `embeddings` with their metrics, leave-one-out.
    public func evaluate(_ embeddings: Matrix<Float>, configuration: TrainingConfiguration) -> (embeddings: Matrix<Float>, metrics: RetrievalMetrics) {
        (embeddings, MetricSuite.evaluate(embeddings: embeddings, labels: split.test.labels,
                                          seed: configuration.seed, threads: configuration.threads))
    }

    /// The validation part's metrics for the model `embed`, leave-one-out within the part
    /// (its own classes are its own gallery); nil without `--validation`.
    public func validationMetrics(_ embed: (Matrix<Float>) -> Matrix<Float>, configuration: TrainingConfiguration) -> RetrievalMetrics? {
        split.validation.map { validation in
            MetricSuite.evaluate(embeddings: embed(validation.features), labels: validation.labels,
                                 seed: configuration.seed, threads: configuration.threads)
        }
    }

    private static func validate(_ split: DataSplit, _ configuration: TrainingConfiguration) throws {
        guard Set(split.train.labels).count >= 2 else {
            throw TrainingError.invalidData("\(configuration.data): the training split of the \(configuration.split.rawValue) protocol has fewer than 2 classes")
        }
        guard split.test.count >= 2 else {
            throw TrainingError.invalidData("\(configuration.data): the test split of the \(configuration.split.rawValue) protocol has fewer than 2 samples")
        }
    }
}

/// Why a run could not be set up or could not go on.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    case invalidData(String)
    case invalidConfiguration(String)
    case diverged(String)

    public var description: String {
        switch self {
        case .invalidData(let message), .invalidConfiguration(let message), .diverged(let message):
            return message
        }
    }
}
