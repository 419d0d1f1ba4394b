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
    /// restored from a checkpoint) are left out.
    func sameClassHistory(of run: RunView) -> [(epoch: Int, count: Int)] {
        let known = derived.sameClassCounts.flatMap { $0.key == sameClassKey ? $0.counts[run.name] : nil } ?? [:]
        return run.snapshots.filter { $0.epoch <= shownEpoch }.compactMap { snapshot in
            (known[snapshot.epoch] ?? sameClassCount(in: run, atEpoch: snapshot.epoch)).map { (snapshot.epoch, $0) }
        }
    }

    /// Counts the epochs of every run that `derived` lacks, for the Inspect screen: an
    /// epoch not resident is read, counted and let go, once per selection.
    mutating func refreshSameClassCounts() {
        let key = sameClassKey
        var counts = derived.sameClassCounts.flatMap { $0.key == key ? $0.counts : nil } ?? [:]
        for run in runs {
            for snapshot in run.snapshots where counts[run.name]?[snapshot.epoch] == nil {
                if let count = sameClassCount(in: run, atEpoch: snapshot.epoch) { counts[run.name, default: [:]][snapshot.epoch] = count }
            }
        }
        derived.sameClassCounts = (key, counts)
    }

    private func sameClassCount(in run: RunView, atEpoch epoch: Int) -> Int? {
        guard data.testLabels.indices.contains(selection), let snapshot = run.snapshot(atEpoch: epoch),
              let embeddings = (try? snapshot.loadingPayload())?.embeddings else { return nil }
        let label = data.testLabels[selection]
        return PointNeighbors.of(selection, in: embeddings, k: neighborCount).filter { data.testLabels[$0.index] == label }.count
    }
}
