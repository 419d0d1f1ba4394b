import DMLXEngine
import DMLXTerm

/// What a classic Mahalanobis learner learned, for the focused run at the shown epoch: the
/// matrix `M = LᵀL` as a heat map, its eigenvalue spectrum (how many directions the metric
/// really uses), FARM's feature weights (which features it keeps), and the fit's
/// objective and active constraints per iteration. A deep run
/// has no single `M`; the screen then says how to get a classic one.
struct MetricView: Widget {
    let state: AppState

    func render(into buffer: inout Buffer, area: Rect) {
        let glyphs = state.glyphs
        guard let run = state.focused, let snapshot = state.focusedSnapshot, let summary = snapshot.mahalanobis else {
            let inside = panel("Learned metric", area, into: &buffer, glyphs: glyphs)
            for (row, line) in hint.enumerated() {
                _ = buffer.set(x: inside.x + 1, y: inside.y + row, string: line, style: .foreground(.dim), clip: inside)
            }
            return
        }
        let columns = Layout.horizontal([.percentage(50), .fill]).split(area)
        let weights = summary.featureWeights
        let right = Layout.vertical(weights == nil ? [.percentage(40), .percentage(30), .fill]
                                                   : [.percentage(28), .percentage(24), .percentage(24), .fill]).split(columns[1])
        let d = summary.metric.rows
        let space = summary.isOverKernelComponents ? "\(d) kernel PCA components" : "\(d)×\(d)"
        HeatMap(rows: d, cols: d, values: summary.metric.storage.map(Double.init), scale: summary.colourScale,
                glyphs: glyphs, capability: state.capability)
            .render(into: &buffer, area: panel("M = LᵀL of \(run.name), epoch \(snapshot.epoch) (\(space))", columns[0],
                                               into: &buffer, glyphs: glyphs))
        let spectrum = panel("Eigenvalues of M: \(Self.spectrumSummary(summary.eigenvalues))", right[0], into: &buffer, glyphs: glyphs)
        BarChart(values: summary.eigenvalues, color: .series(state.focusedRun), glyphs: glyphs).render(into: &buffer, area: spectrum)
        if let weights {
            let kept = weights.filter { $0 > 0 }.count
            BarChart(values: weights.map(Double.init), color: .series(state.focusedRun), glyphs: glyphs).render(
                into: &buffer, area: panel("Feature weights w: keeps \(kept) of \(weights.count)", right[1], into: &buffer, glyphs: glyphs))
        }
        let charts = Array(right.dropFirst(weights == nil ? 1 : 2))
        chart(snapshot.batchLosses).render(
            into: &buffer, area: panel("Objective per iteration", charts[0], into: &buffer, glyphs: glyphs))
        let constraints = panel("Active constraints per iteration", charts[1], into: &buffer, glyphs: glyphs)
        if summary.activeConstraints.isEmpty {
            _ = buffer.set(x: constraints.x + 1, y: constraints.y, string: "\(run.name) reports no constraint counts",
                           style: .foreground(.dim), clip: constraints)
        } else {
            chart(summary.activeConstraints.map(Double.init)).render(into: &buffer, area: constraints)
        }
    }

    private var hint: [String] {
        let name = state.focused?.name ?? "this run"
        return [
            "\(name) learns a deep embedding: it has no single matrix M.",
            "Classic methods (lmnn, itml, ...) show M = LᵀL and its spectrum here.",
            state.runs.count > 1 ? "Press r to show another run." : "",
            "Try: dmlx compare --losses lmnn,proxy-nca",
        ].filter { !$0.isEmpty }
    }

    private func chart(_ values: [Double]) -> LineChart {
        LineChart(series: [LineChart.Series(name: state.focused?.name ?? "", points: values.enumerated().map { (Double($0 + 1), $1) },
                                            color: .series(state.focusedRun))],
                  glyphs: state.glyphs, showsLegend: false)
    }

    /// "rank 12, 90% in 2": the eigenvalues above rounding level and how many of the
    /// largest make up 90% of the trace.
    static func spectrumSummary(_ eigenvalues: [Double]) -> String {
        let largest = eigenvalues.first ?? 0
        let rank = eigenvalues.filter { $0 > largest * 1e-6 }.count
        let trace = eigenvalues.reduce(0, +)
        var sum = 0.0
        let holding = eigenvalues.firstIndex { sum += $0; return sum >= 0.9 * trace }.map { $0 + 1 } ?? eigenvalues.count
        return "rank \(rank), 90% in \(holding)"
    }
}
