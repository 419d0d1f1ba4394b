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
        rawTest = raw.test
        // An exact index cannot fail: `try?` only unwraps its result.
        let scored = board.track("scoring the raw features of \(raw.test.count) test points") { report in
            try? MetricSuite.evaluate(index: .exact(raw.test.features, threads: configuration.threads), labels: raw.test.labels,
                                      seed: configuration.seed, abandoningWhen: report)
        }
        guard let scored else { throw CancellationError() }
        rawMetrics = scored
        if configuration.standardize {
            let standardizer = Standardizer(fitting: raw.train.features)
            self.standardizer = standardizer
            split = DataSplit(train: standardizer.apply(raw.train), test: standardizer.apply(raw.test))
        } else {
            standardizer = nil
            split = raw
        }
    }

    /// The test split's `embeddings` with their metrics, leave-one-out.
    public func evaluate(_ embeddings: Matrix<Float>, configuration: TrainingConfiguration) -> (embeddings: Matrix<Float>, metrics: RetrievalMetrics) {
        (embeddings, MetricSuite.evaluate(embeddings: embeddings, labels: split.test.labels,
                                          seed: configuration.seed, threads: configuration.threads))
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
