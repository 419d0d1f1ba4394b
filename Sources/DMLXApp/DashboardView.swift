import DMLXCore
import DMLXEngine
import DMLXTerm

/// Where the dashboard's panels go: loss curves and metrics on the left, the embedding
/// scatter and the neighbour panel on the right. Given embeddings (`dmlx view`) have no
/// loss to plot: their metrics take a few lines at the top left, the neighbour panel the
/// rest of the left, and the scatter the whole right.
struct DashboardLayout {
    /// Zero-sized when there is no loss to plot.
    let loss: Rect
    let metrics: Rect
    let scatter: Rect
    let neighbors: Rect

    private init(_ area: Rect, showsLoss: Bool) {
        let columns = Layout.horizontal([.percentage(50), .fill]).split(area)
        if showsLoss {
            let left = Layout.vertical([.percentage(50), .fill]).split(columns[0])
            let right = Layout.vertical([.percentage(62), .fill]).split(columns[1])
            (loss, metrics, scatter, neighbors) = (left[0], left[1], right[0], right[1])
        } else {
            // A box, the table's header and one run's row.
            let left = Layout.vertical([.fixed(4), .fill]).split(columns[0])
            (loss, metrics, scatter, neighbors) = (Rect(x: area.x, y: area.y, width: 0, height: 0), left[0], columns[1], left[1])
        }
    }

    init(_ area: Rect, for state: AppState) {
        self.init(area, showsLoss: state.hasTraining)
    }

    /// The first line inside the scatter panel's box: the map's trust or progress.
    var scatterCaption: Rect { Box(title: nil).inner(scatter).row(0) }

    /// The inside of the scatter panel's box below the caption, where the plot is drawn.
    var scatterPlotArea: Rect {
        let inner = Box(title: nil).inner(scatter)
        return Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 1))
    }
}

struct DashboardView: Widget {
    let state: AppState

    func render(into buffer: inout Buffer, area: Rect) {
        let layout = DashboardLayout(area, for: state)
        let glyphs = state.glyphs
        if state.hasTraining {
            LossCurves(state: state).chart.render(
                into: &buffer, area: panel("Loss per batch", layout.loss, into: &buffer, glyphs: glyphs))
        }
        let table = MetricsTable(state: state)
        table.render(into: &buffer, area: panel(table.title, layout.metrics, into: &buffer, glyphs: glyphs))
        // The selected point's neighbours and the map are found once per frame, for both panels.
        let neighbors = state.selectionNeighbors
        let coordinates = state.scatterCoordinates
        _ = panel(scatterTitle, layout.scatter, into: &buffer, glyphs: glyphs)
        buffer.set(x: layout.scatterCaption.x, y: layout.scatterCaption.y, string: MapCaption(state: state).text,
                   style: .foreground(.dim), clip: layout.scatterCaption)
        if let scatter = ScatterFigure(state: state, coordinates: coordinates, neighbors: neighbors.map(\.index)).plot {
            scatter.render(into: &buffer, area: layout.scatterPlotArea)
        }
        let far = coordinates.map { FarOnMap.neighbors(neighbors.map(\.index), of: state.selection, on: $0.points) } ?? []
        NeighborPanel(state: state, neighbors: neighbors, farOnMap: far).render(
            into: &buffer, area: panel(state.neighborsTitle, layout.neighbors, into: &buffer, glyphs: glyphs))
    }

    private var scatterTitle: String {
        let run = state.focused?.name ?? "-"
        return "\(run), epoch \(state.focusedSnapshot?.epoch ?? 0), \(state.shownProjectionMode.title)"
    }
}

/// The loss of every batch of every run, against epochs (a batch of epoch e at e − 1 +
/// its fraction of the epoch; a classic fit's iterations likewise spread over epoch 1).
/// A classic objective has a scale of its own (LMNN's hinge sum, ITML's LogDet
/// divergence) that would flatten every deep curve, so beside deep runs it is left to
/// the Metric screen.
struct LossCurves {
    let state: AppState

    var chart: LineChart {
        let hasDeepRuns = state.runs.contains { !$0.isClassic }
        let series = state.runs.enumerated().filter { !hasDeepRuns || !$0.element.isClassic }.map { index, run in
            LineChart.Series(name: run.name, points: points(run), color: .series(index))
        }
        return LineChart(series: series, glyphs: state.glyphs)
    }

    private func points(_ run: RunView) -> [(x: Double, y: Double)] {
        run.snapshots.filter { $0.epoch <= state.shownEpoch }.flatMap { snapshot in
            snapshot.batchLosses.enumerated().map { batch, loss in
                (Double(snapshot.epoch - 1) + Double(batch + 1) / Double(snapshot.batchLosses.count), loss)
            }
        }
    }
}

/// Retrieval metrics of every run at the shown epoch and at its best so far, under the
/// raw-features and untrained (epoch 0) baselines. Narrow panels show fewer columns.
///
/// With `--validation` the table adds the validation part's MAP@R ("valMAP") and a run's
/// best is chosen by it, never by a test score: the "best" row is the epoch whose model
/// `--patience` keeps (`RunView.bestByValidation`), its epoch marked ★, as is the run's own
/// row's when the shown epoch is that one.
struct MetricsTable: Widget {
    let state: AppState

    private var isValidated: Bool { state.runs.contains(where: \.isValidated) }

    var title: String {
        "Test metrics at epoch \(state.shownEpoch)" + (isValidated ? ", \(bestMark) best by validation MAP@R" : "")
    }

    private var bestMark: String { state.glyphs == .unicode ? "★" : "*" }

    /// In display order, each with its priority: narrow panels keep the lowest numbers.
    private static let allColumns: [(title: String, priority: Int, value: @Sendable (RetrievalMetrics) -> Double?)] = [
        ("R@1", 0, { $0.recallAt[1] }), ("R@2", 3, { $0.recallAt[2] }), ("R@4", 4, { $0.recallAt[4] }),
        ("R@8", 5, { $0.recallAt[8] }), ("MAP@R", 1, { $0.mapAtR }), ("RPrec", 6, { $0.rPrecision }),
        ("NMI", 2, { $0.nmi }), ("AMI", 7, { $0.ami }),
    ]

    func render(into buffer: inout Buffer, area: Rect) {
        // Narrow panels drop the loss column first, then metrics from the end of the list.
        let showsLoss = area.width >= 50 && state.hasTraining
        let validated = isValidated
        let fitting = max(3, min(Self.allColumns.count, (area.width - 24) / 7 - (validated ? 1 : 0)))
        let metricColumns = Self.allColumns.filter { $0.priority < fitting }
        let columns = [Table.Column("run", width: .fill(1)), .numeric("epoch")] + (showsLoss ? [.numeric("loss")] : [])
            + metricColumns.map { Table.Column.numeric($0.title) } + (validated ? [.numeric("valMAP")] : [])
        func row(_ name: String, epoch: String, loss: Double?, _ metrics: RetrievalMetrics, validation: RetrievalMetrics?,
                 style: Style = Style()) -> Table.Row {
            Table.Row([name, epoch] + (showsLoss ? [formatted(loss)] : []) + metricColumns.map { formatted($0.value(metrics)) }
                      + (validated ? [formatted(validation?.mapAtR)] : []),
                      style: style)
        }
        let dim = Style.foreground(.dim)
        var rows: [Table.Row] = []
        if state.data.showsBaselines {
            rows.append(row("raw features", epoch: "-", loss: nil, state.data.rawMetrics, validation: nil, style: dim))
            if let untrained = state.runs.first?.snapshots.first {
                rows.append(row("untrained", epoch: "0", loss: nil, untrained.metrics, validation: untrained.validationMetrics, style: dim))
            }
        }
        for (index, run) in state.runs.enumerated() {
            guard let shown = run.snapshot(atEpoch: state.shownEpoch) else { continue }
            let color = Style.foreground(.series(index), bold: index == state.focusedRun)
            let best = run.isValidated ? run.bestByValidation(upToEpoch: state.shownEpoch) : run.best(upToEpoch: state.shownEpoch)
            // The mark goes in the epoch cell, which narrow panels keep whole (not the run's name).
            func epoch(_ snapshot: EpochSnapshot) -> String {
                (run.isValidated && best?.epoch == snapshot.epoch ? bestMark : "") + String(snapshot.epoch)
            }
            rows.append(row(run.name, epoch: epoch(shown), loss: shown.loss, shown.metrics, validation: shown.validationMetrics, style: color))
            if let best {
                rows.append(row("  best", epoch: epoch(best), loss: best.loss, best.metrics, validation: best.validationMetrics,
                                style: .foreground(.series(index))))
            }
        }
        Table(columns: columns, rows: rows, columnSpacing: 1, glyphs: state.glyphs).render(into: &buffer, area: area)
    }
}

/// The scatter plot of the focused run: its test points coloured by class, its proxies,
/// the selected point and its neighbours.
public struct ScatterFigure {
    let state: AppState
    /// `state.scatterCoordinates`, when the caller has them already.
    var coordinates: (points: Matrix<Float>, proxies: Matrix<Float>?)?
    /// The selected point's neighbours, marked on the plot.
    var neighbors: [Int] = []

    public init(state: AppState, coordinates: (points: Matrix<Float>, proxies: Matrix<Float>?)?? = nil, neighbors: [Int] = []) {
        self.state = state
        self.coordinates = coordinates ?? state.scatterCoordinates
        self.neighbors = neighbors
    }

    public var plot: ScatterPlot? {
        guard let coordinates else { return nil }
        let classes = state.data.classes
        let colorIndex = state.data.classIndices
        var points = (0..<coordinates.points.rows).map { index in
            ScatterPlot.Point(x: Double(coordinates.points[index, 0]), y: Double(coordinates.points[index, 1]),
                              classID: colorIndex[index], marker: nil)
        }
        for index in neighbors where points.indices.contains(index) { points[index].marker = .neighbor }
        if points.indices.contains(state.selection) { points[state.selection].marker = .selected }
        if let proxies = coordinates.proxies, let labels = state.focusedSnapshot?.proxyLabels {
            let proxyColor = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
            // Zero-shot test classes have no proxies: those of training classes get the
            // colour after the test classes'.
            points += (0..<proxies.rows).map { row in
                ScatterPlot.Point(x: Double(proxies[row, 0]), y: Double(proxies[row, 1]),
                                  classID: proxyColor[labels[row]] ?? classes.count, marker: .proxy)
            }
        }
        return ScatterPlot(points: points, classNames: classes.map(state.data.labelText), glyphs: state.glyphs)
    }
}
