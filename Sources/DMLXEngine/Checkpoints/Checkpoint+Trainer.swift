extension Checkpoint {
    /// The trainer that continues this checkpoint (saved in `file`) where it stopped: a
    /// classic fit for a run of a `method`, deep training otherwise. `epochs`, if given,
    /// is the new total of a deep run (a classic run has its one epoch).
    public func resumedTrainer(file: String, epochs: Int? = nil) throws -> any EpochTrainer {
        configuration.method == nil
            ? try Trainer(resuming: self, file: file, epochs: epochs)
            : try MahalanobisTrainer(resuming: self, file: file)
    }
}
