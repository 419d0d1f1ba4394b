import Foundation

extension TrainingRun {
    /// Where a run keeps its epochs' embeddings, proxies and projections (every epoch's
    /// scalars — loss, metrics, statistics, timings — stay in its snapshots in memory).
    public enum History: Sendable {
        /// Every epoch's, in memory: memory grows with the epochs (tests, small data).
        case inMemory
        /// Only the newest epoch's: headless training, which reports each epoch as it
        /// comes, so memory stays flat.
        case newestOnly
        /// Every epoch's embeddings and proxies in its run directory, none in memory
        /// (projections stay: they are O(dimension)); the snapshots say where
        /// (`EpochSnapshot.recordedIn`) and the UI reads back the epochs it shows.
        case recorded(RunRecorder)
    }
}

extension TrainingRun.History {
    /// `trainer`'s run recorded in the run directory `directory` (created if need be),
    /// under `name` (default: the run's name), with its configuration and test labels.
    public static func recorded(in directory: URL, for trainer: any EpochTrainer, name: String? = nil) throws -> Self {
        .recorded(try RunRecorder(directory: directory, name: name ?? trainer.configuration.runName, configuration: trainer.configuration.json,
                                  labels: trainer.data.split.test.labels))
    }
}
