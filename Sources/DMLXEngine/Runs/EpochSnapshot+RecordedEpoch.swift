extension EpochSnapshot {
    /// The snapshot of a recorded epoch of run `run`, scored with `metrics`: its loss is
    /// the writer's, else the mean of the epoch's finite batch losses; its times run from
    /// the previous epoch (`seconds`) and from the run's start (`sinceStart`). A watched
    /// run's learning rate is unknown (NaN, null in JSON).
    public init(run: String, recorded epoch: RecordedEpoch, batches: [RecordedRun.Batch], seconds: Double, sinceStart: Double,
                metrics: RetrievalMetrics, projection: EpochProjection? = nil) {
        let losses = batches.compactMap(\.loss).filter(\.isFinite)
        self.init(run: run, epoch: epoch.epoch, loss: epoch.loss ?? (losses.isEmpty ? nil : losses.reduce(0, +) / Double(losses.count)),
                  batchLosses: losses, trainSeconds: seconds, cumulativeTrainSeconds: sinceStart, metrics: metrics,
                  statistics: epoch.statistics, learningRate: .nan, embeddings: epoch.embeddings, proxies: epoch.proxies,
                  proxyLabels: epoch.proxyLabels, projection: projection)
    }
}
