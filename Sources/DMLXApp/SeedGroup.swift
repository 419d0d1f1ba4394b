import DMLXEngine

/// The runs of one name trained with several seeds (`--seeds`, `RunView.seed`), as the
/// compare screen draws them: per epoch the mean over the seeds and its 95 % interval
/// (`SampleSummary`), over the epochs every seed has published.
struct SeedGroup {
    let name: String
    /// The group's place among the groups, its colour.
    let index: Int
    let runs: [RunView]

    /// The groups of `runs` by name, in order of first appearance.
    static func groups(of runs: [RunView]) -> [SeedGroup] {
        var names: [String] = []
        for run in runs where !names.contains(run.name) { names.append(run.name) }
        return names.enumerated().map { index, name in SeedGroup(name: name, index: index, runs: runs.filter { $0.name == name }) }
    }

    /// Each seed's snapshots of the epochs every seed has published, up to `epoch`, in epoch
    /// order: `[epoch][seed]`.
    func common(upToEpoch epoch: Int) -> [[EpochSnapshot]] {
        let shown = runs.map { run in
            Dictionary(run.snapshots.filter { $0.epoch <= epoch }.map { ($0.epoch, $0) }, uniquingKeysWith: { first, _ in first })
        }
        guard let first = runs.first else { return [] }
        return first.snapshots.compactMap { snapshot in
            let seeds = shown.compactMap { $0[snapshot.epoch] }
            return snapshot.epoch <= epoch && seeds.count == shown.count ? seeds : nil
        }
    }

    /// The summary over the seeds of `metric` at each common epoch, with x (the epoch, or the
    /// seeds' mean cumulative training seconds).
    func curve(upToEpoch epoch: Int, x: ([EpochSnapshot]) -> Double, metric: (RetrievalMetrics) -> Double) -> [(x: Double, summary: SampleSummary)] {
        common(upToEpoch: epoch).map { seeds in (x(seeds), SampleSummary(seeds.map { metric($0.metrics) })) }
    }

    /// The first trained epoch at which each seed's MAP@R reached `threshold` (nil: not yet).
    func firstEpochs(reaching threshold: Double, upToEpoch epoch: Int) -> [Int?] {
        runs.map { run in run.snapshots.first { $0.epoch > 0 && $0.epoch <= epoch && $0.metrics.mapAtR >= threshold }?.epoch }
    }
}
