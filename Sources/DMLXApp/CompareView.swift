import DMLXEngine
import DMLXTerm

/// The convergence view of the Proxy-NCA paper: MAP@R and Recall@1 of every run against
/// epochs or training seconds (`t`), when each run first reached the others' best, and
/// what an epoch of each costs. Runs of several seeds (`RunView.seed`) are drawn as one
/// mean curve per run with its 95 % interval band (`CompareView+Seeds`).
struct CompareView: Widget {
    let state: AppState

    func render(into buffer: inout Buffer, area: Rect) {
        if state.runs.contains(where: { $0.seed != nil }) { return renderSeeds(into: &buffer, area: area) }
        let rows = Layout.vertical([.fill, .fixed(min(area.height / 2, 4 + 2 * state.runs.count))]).split(area)
        let charts = Layout.horizontal([.percentage(50), .fill]).split(rows[0])
        let axis = state.compareAxis == .epochs ? "epoch" : "training seconds"
        chart(metric: { $0.mapAtR }).render(
            into: &buffer, area: panel("MAP@R against \(axis)", charts[0], into: &buffer, glyphs: state.glyphs))
        chart(metric: { $0.recallAt[1] ?? .nan }).render(
            into: &buffer, area: panel("Recall@1 against \(axis)", charts[1], into: &buffer, glyphs: state.glyphs))
        readout(into: &buffer, area: panel("Convergence (t: epochs / seconds)", rows[1], into: &buffer, glyphs: state.glyphs))
    }

    func x(_ snapshot: EpochSnapshot) -> Double {
        state.compareAxis == .epochs ? Double(snapshot.epoch) : snapshot.cumulativeTrainSeconds
    }

    private func shown(_ run: RunView) -> [EpochSnapshot] {
        run.snapshots.filter { $0.epoch <= state.shownEpoch }
    }

    private func chart(metric: (RetrievalMetrics) -> Double) -> LineChart {
        LineChart(series: state.runs.enumerated().map { index, run in
            LineChart.Series(name: run.name, points: shown(run).map { (x($0), metric($0.metrics)) }, color: .series(index))
        }, glyphs: state.glyphs)
    }

    /// `reference / value` as "3.2", or "-" when undefined.
    func ratio<Value: BinaryFloatingPoint>(_ reference: Value, _ value: Value) -> String {
        value > 0 ? formatted(Double(reference / value), digits: 1) : "-"
    }

    private func ratio(_ reference: Int, _ value: Int) -> String {
        ratio(Double(reference), Double(value))
    }

    /// A row per run: its best MAP@R, when it first matched each other run's best (and how
    /// much sooner than the other run got there, in epochs and in training seconds: the
    /// Proxy-NCA paper's convergence claim), and its mean seconds per epoch.
    private func readout(into buffer: inout Buffer, area: Rect) {
        let bests = state.runs.map { run in shown(run).filter { $0.epoch > 0 }.max { $0.metrics.mapAtR < $1.metrics.mapAtR } }
        let columns = [Table.Column("run", width: .fit), .numeric("best MAP@R"), .numeric("at epoch"), .numeric("at s"),
                       Table.Column("first reached the other's best", width: .fill(1)), .numeric("s/epoch")]
        let rows = state.runs.enumerated().map { index, run -> Table.Row in
            let best = bests[index]
            let trained = shown(run).filter { $0.epoch > 0 }
            let perEpoch = trained.isEmpty ? nil : trained.map(\.trainSeconds).reduce(0, +) / Double(trained.count)
            let reached = state.runs.indices.filter { $0 != index }.map { other -> String in
                guard let target = bests[other] else { return "\(state.runs[other].name): -" }
                guard let first = trained.first(where: { $0.metrics.mapAtR >= target.metrics.mapAtR }) else {
                    return "\(state.runs[other].name) \(formatted(target.metrics.mapAtR)): not yet"
                }
                return "\(state.runs[other].name) \(formatted(target.metrics.mapAtR)): epoch \(first.epoch) (\(ratio(target.epoch, first.epoch))× sooner), "
                    + "\(formatted(first.cumulativeTrainSeconds, digits: 2)) s (\(ratio(target.cumulativeTrainSeconds, first.cumulativeTrainSeconds))× less)"
            }.joined(separator: "; ")
            return Table.Row([run.name, formatted(best?.metrics.mapAtR), best.map { String($0.epoch) } ?? "-",
                              formatted(best?.cumulativeTrainSeconds, digits: 2), reached, formatted(perEpoch, digits: 4)],
                             style: .foreground(.series(index)))
        }
        Table(columns: columns, rows: rows, columnSpacing: 2, glyphs: state.glyphs).render(into: &buffer, area: area)
    }
}
