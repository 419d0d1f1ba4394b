import DMLXEngine
import DMLXTerm

/// The compare screen over several seeds: each run's mean MAP@R and Recall@1 with its 95 %
/// Student-t interval stippled around it, and a readout that says whether the runs differ
/// by more than their intervals (disjoint 95 % intervals, `SampleSummary.intervalsSeparate`)
/// in final MAP@R and in the epochs it took each seed to reach the MAP@R every seed of
/// every run reached.
extension CompareView {
    func renderSeeds(into buffer: inout Buffer, area: Rect) {
        let groups = SeedGroup.groups(of: state.runs)
        let pairs = groups.count * (groups.count - 1) / 2
        let rows = Layout.vertical([.fill, .fixed(min(area.height / 2, 3 + groups.count + 2 * pairs))]).split(area)
        let charts = Layout.horizontal([.percentage(50), .fill]).split(rows[0])
        let axis = state.compareAxis == .epochs ? "epoch" : "training seconds"
        let seeds = groups.map(\.runs.count).max() ?? 0
        bandedChart(groups, metric: { $0.mapAtR }).render(
            into: &buffer, area: panel("MAP@R (\(seeds)-seed mean) against \(axis)", charts[0], into: &buffer, glyphs: state.glyphs))
        bandedChart(groups, metric: { $0.recallAt[1] ?? .nan }).render(
            into: &buffer, area: panel("Recall@1 (\(seeds)-seed mean) against \(axis)", charts[1], into: &buffer, glyphs: state.glyphs))
        seedReadout(groups, into: &buffer, area: panel("Convergence over seeds (95 % intervals, Student t)", rows[1],
                                                        into: &buffer, glyphs: state.glyphs))
    }

    /// The seeds' mean cumulative seconds or the epoch, as the compare axis says.
    private func meanX(_ seeds: [EpochSnapshot]) -> Double {
        seeds.map { x($0) }.reduce(0, +) / Double(seeds.count)
    }

    /// Mean curves with their 95 % interval bands; the legend says the band is the interval.
    private func bandedChart(_ groups: [SeedGroup], metric: (RetrievalMetrics) -> Double) -> LineChart {
        LineChart(series: groups.map { group in
            let curve = group.curve(upToEpoch: state.shownEpoch, x: meanX, metric: metric)
            return LineChart.Series(name: "\(group.name) ±CI95", points: curve.map { ($0.x, $0.summary.mean) }, color: .series(group.index),
                                    band: curve.compactMap { point in
                                        point.summary.confidenceInterval95.map { (point.x, $0.lowerBound, $0.upperBound) }
                                    })
        }, glyphs: state.glyphs)
    }

    /// "0.812 [0.801, 0.823]", or the mean alone when there is no interval.
    private func withInterval(_ summary: SampleSummary?, digits: Int = 3) -> String {
        guard let summary else { return "-" }
        guard let interval = summary.confidenceInterval95 else { return formatted(summary.mean, digits: digits) }
        return "\(formatted(summary.mean, digits: digits)) [\(formatted(interval.lowerBound, digits: digits)), \(formatted(interval.upperBound, digits: digits))]"
    }

    /// A row per run (seeds, final MAP@R, epochs to the common threshold, seconds per epoch),
    /// then for every pair of runs whether their intervals separate.
    private func seedReadout(_ groups: [SeedGroup], into buffer: inout Buffer, area: Rect) {
        let epoch = state.shownEpoch
        let finals = groups.map { group in group.common(upToEpoch: epoch).last.map { SampleSummary($0.map(\.metrics.mapAtR)) } }
        // The MAP@R every seed of every run has reached (the lowest of their best), so each
        // seed has an epoch-to-threshold and the runs' intervals of it can be compared.
        let threshold = groups.flatMap(\.runs).map { $0.best(upToEpoch: epoch)?.metrics.mapAtR }
            .reduce(Double?.none) { lowest, best in best.map { min(lowest ?? $0, $0) } ?? lowest }
        let reached = groups.map { group in threshold.map { group.firstEpochs(reaching: $0, upToEpoch: epoch) } ?? [] }
        let toThreshold = reached.map { epochs in
            epochs.isEmpty || epochs.contains(nil) ? nil : SampleSummary(epochs.map { Double($0!) })
        }
        let columns = [Table.Column("run", width: .fit), .numeric("seeds"), Table.Column("final MAP@R [95 %]", width: .fit),
                       Table.Column("epochs to MAP@R \(formatted(threshold))", width: .fill(1)), .numeric("s/epoch")]
        let rows = groups.enumerated().map { index, group -> Table.Row in
            let trained = group.runs.flatMap { $0.snapshots.filter { $0.epoch > 0 && $0.epoch <= epoch } }
            let perEpoch = trained.isEmpty ? nil : trained.map(\.trainSeconds).reduce(0, +) / Double(trained.count)
            let epochs = toThreshold[index].map { withInterval($0, digits: 1) }
                ?? "\(reached[index].compactMap { $0 }.count) of \(group.runs.count) seeds so far"
            return Table.Row([group.name, String(group.runs.count), withInterval(finals[index]), epochs, formatted(perEpoch, digits: 4)],
                             style: .foreground(.series(group.index)))
        }
        let parts = Layout.vertical([.fixed(1 + groups.count), .fill]).split(area)
        Table(columns: columns, rows: rows, columnSpacing: 2, glyphs: state.glyphs).render(into: &buffer, area: parts[0])
        var lines: [String] = []
        for first in groups.indices {
            for second in groups.indices where second > first {
                let names = (groups[first].name, groups[second].name)
                lines.append("final MAP@R, \(names.0) vs \(names.1): " + verdict(finals[first], finals[second], names, higher: "higher"))
                lines.append("epochs to MAP@R \(formatted(threshold)), \(names.0) vs \(names.1): "
                             + verdict(toThreshold[first], toThreshold[second], names, higher: "slower"))
            }
        }
        for (row, line) in lines.prefix(parts[1].height).enumerated() {
            buffer.set(x: parts[1].x, y: parts[1].y + row, string: TextWidth.truncate(line, to: parts[1].width, ellipsis: state.glyphs.ellipsis),
                       clip: parts[1])
        }
    }

    /// Whether two runs' intervals separate, in words naming the larger one.
    private func verdict(_ first: SampleSummary?, _ second: SampleSummary?, _ names: (String, String), higher: String) -> String {
        guard let first, let second else { return "not every seed has it yet" }
        guard first.confidenceInterval95 != nil, second.confidenceInterval95 != nil else { return "one seed: no interval to judge by" }
        guard first.intervalsSeparate(from: second) else { return "CIs overlap: within seed noise" }
        let larger = first.mean > second.mean ? names.0 : names.1
        return "CIs separate: \(larger) \(higher)"
    }
}
