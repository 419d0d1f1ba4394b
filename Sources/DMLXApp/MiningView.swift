import DMLXEngine
import DMLXTerm

/// What the losses and miners see, epoch by epoch, for every run: the share of evaluated
/// terms that are active (non-zero: the triplets or pairs still violating their margin),
/// how many tuples the miner returned per batch, and the mean positive and negative
/// distance of the mined tuples (their gap is what the loss widens). Statistics are the
/// epoch's batch averages (`EpochSnapshot.statistics`).
struct MiningView: Widget {
    let state: AppState

    func render(into buffer: inout Buffer, area: Rect) {
        let rows = Layout.vertical([.percentage(40), .fill]).split(area)
        LossCurves(state: state).chart.render(
            into: &buffer, area: panel("Loss per batch", rows[0], into: &buffer, glyphs: state.glyphs))
        let charts = Layout.horizontal([.percentage(33), .percentage(33), .fill]).split(rows[1])
        chart { statistics in
            guard let tuples = statistics["tuples"], tuples > 0, let active = statistics["active"] else { return nil }
            return 100 * active / tuples
        }.render(into: &buffer, area: panel("Active terms, % of evaluated", charts[0], into: &buffer, glyphs: state.glyphs))
        chart { $0["mined"] }.render(
            into: &buffer, area: panel("Mined tuples per batch", charts[1], into: &buffer, glyphs: state.glyphs))
        distances.render(
            into: &buffer, area: panel("Mined d(a,p) and d(a,n)", charts[2], into: &buffer, glyphs: state.glyphs))
    }

    private func trained(_ run: RunView) -> [EpochSnapshot] {
        run.snapshots.filter { $0.epoch > 0 && $0.epoch <= state.shownEpoch }
    }

    private func chart(_ value: (([String: Double]) -> Double?)) -> LineChart {
        LineChart(series: state.runs.enumerated().map { index, run in
            LineChart.Series(name: run.name, points: trained(run).compactMap { snapshot in
                value(snapshot.statistics).map { (Double(snapshot.epoch), $0) }
            }, color: .series(index))
        }, glyphs: state.glyphs)
    }

    /// Two series per mining run: the positive distance in the run's colour, the negative
    /// in the next series colour, so the gap between them reads at a glance.
    private var distances: LineChart {
        let series = state.runs.enumerated().flatMap { index, run -> [LineChart.Series] in
            let mined = trained(run).filter { $0.statistics["mined"] != nil }
            guard !mined.isEmpty else { return [] }
            return [("d(a,p)", "mean_positive_distance", 2 * index), ("d(a,n)", "mean_negative_distance", 2 * index + 1)].map { label, key, color in
                LineChart.Series(name: "\(run.name) \(label)",
                                 points: mined.compactMap { snapshot in snapshot.statistics[key].map { (Double(snapshot.epoch), $0) } },
                                 color: .series(color))
            }
        }
        return LineChart(series: series, glyphs: state.glyphs)
    }
}
