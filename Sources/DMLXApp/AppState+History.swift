import Dispatch
import DMLXEngine

extension AppState {
    /// The focused run's epochs whose payloads the screens read: the shown one (scatter,
    /// neighbours, the map being made), the one before it and the first (the Inspect
    /// screen's changes "vs epoch e − 1" and "kept from epoch 0"). Maps continue from
    /// the previous epoch's layout, not its embeddings, and the metrics' best epoch is a
    /// scalar, so nothing else is needed.
    public var epochsOnScreen: Set<Int> {
        guard let run = focused, let shown = run.snapshot(atEpoch: shownEpoch)?.epoch else { return [] }
        return Set([shown, run.snapshot(atEpoch: shown - 1)?.epoch, run.snapshots.first?.epoch].compactMap { $0 })
    }

    /// Makes exactly the epochs on screen resident for runs that keep their history on
    /// disk: reads back the missing ones (a few milliseconds each, from the page cache)
    /// and drops the rest, so memory holds at most three epochs' payloads whatever the
    /// run's length. An epoch that cannot be read is said once in the status bar and
    /// shown without its points.
    mutating func refreshResidentEpochs() {
        for index in runs.indices {
            let wanted = index == focusedRun ? epochsOnScreen : []
            runs[index].resident = runs[index].resident.filter { wanted.contains($0.key) }
            for epoch in wanted where runs[index].resident[epoch] == nil {
                guard let snapshot = runs[index].snapshots.last(where: { $0.epoch == epoch }),
                      snapshot.embeddings == nil, snapshot.recordedIn != nil else { continue }
                do {
                    runs[index].resident[epoch] = try snapshot.loadingPayload()
                } catch {
                    runs[index].resident[epoch] = EpochPayload(embeddings: nil, proxies: nil)
                    notice = "\(runs[index].name), epoch \(epoch): \(error)"
                }
            }
        }
    }

    /// What the Inspect screen's same-class history is derived from.
    var sameClassKey: DerivedViews.SameClassKey { DerivedViews.SameClassKey(selection: selection, count: neighborCount) }

    /// How many of the selected point's `neighborCount` nearest neighbours share its class,
    /// epoch by epoch up to the shown one, in `run`; epochs without embeddings (history
    /// restored from a checkpoint) are left out. A state kept by `update` shows the epochs
    /// counted so far (`refreshSameClassCounts` adds more every frame); any other state
    /// (a test's) counts them all now.
    func sameClassHistory(of run: RunView) -> [(epoch: Int, count: Int)] {
        let kept = derived.sameClassCounts.flatMap { $0.key == sameClassKey ? $0.counts[run.name] ?? [:] : nil }
        return run.snapshots.filter { $0.epoch <= shownEpoch }.compactMap { snapshot in
            let count: Int? = if let kept { kept[snapshot.epoch] ?? nil } else { sameClassCount(in: run, atEpoch: snapshot.epoch) }
            return count.map { (snapshot.epoch, $0) }
        }
    }

    /// Whether the Inspect screen's history still lacks epochs: the runtime then draws
    /// another frame (and so calls `update` again) without waiting for news.
    public var isDerivingHistory: Bool { screen == .inspect && derived.sameClassCounts?.isComplete == false }

    /// Counts, for the Inspect screen, epochs of every run that `derived` lacks, for at
    /// most `sameClassBudgetSeconds` per call (at least one epoch), so a frame never waits
    /// for a long history: an epoch not resident is read, counted and let go (about 1.5
    /// ms for 10,000 × 32), once per selection, and the chart fills in over a few frames.
    mutating func refreshSameClassCounts() {
        let key = sameClassKey
        var counts = derived.sameClassCounts.flatMap { $0.key == key ? $0.counts : nil } ?? [:]
        let started = DispatchTime.now().uptimeNanoseconds
        var isComplete = true
        counting: for run in runs {
            for snapshot in run.snapshots where counts[run.name]?[snapshot.epoch] == nil {
                if Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 > Self.sameClassBudgetSeconds {
                    isComplete = false
                    break counting
                }
                // An epoch without embeddings counts as nil, once.
                counts[run.name, default: [:]][snapshot.epoch] = .some(sameClassCount(in: run, atEpoch: snapshot.epoch))
            }
        }
        derived.sameClassCounts = (key, counts, isComplete)
    }

    /// The time `refreshSameClassCounts` may take per frame.
    static let sameClassBudgetSeconds = 0.015

    private func sameClassCount(in run: RunView, atEpoch epoch: Int) -> Int? {
        guard data.testLabels.indices.contains(selection), let snapshot = run.snapshot(atEpoch: epoch),
              let embeddings = (try? snapshot.loadingPayload())?.embeddings else { return nil }
        let label = data.testLabels[selection]
        return PointNeighbors.of(selection, in: embeddings, k: neighborCount).filter { data.testLabels[$0.index] == label }.count
    }
}
