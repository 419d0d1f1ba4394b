import DMLXCore
import DMLXEngine
import DMLXTerm

/// One point and its k nearest neighbours in the embedding space (not the 2-D map): the
/// list with labels, distances and wrong-class marks, pictures of the neighbours for
/// image data, and how the neighbourhood changed over the epochs of every run.
struct InspectView: Widget {
    let state: AppState

    func render(into buffer: inout Buffer, area: Rect) {
        let neighbors = state.selectionNeighbors
        let columns = Layout.horizontal([.percentage(40), .fill]).split(area)
        let left = Layout.vertical([.percentage(45), .fill]).split(columns[0])
        renderPoint(into: &buffer, area: panel("Point #\(state.selection)", left[0], into: &buffer, glyphs: state.glyphs))
        history.render(into: &buffer, area: panel("Same-class of \(state.neighborCount) nearest, by epoch", left[1],
                                                   into: &buffer, glyphs: state.glyphs))
        let right = Layout.vertical([.fill, .fixed(state.data.imageShape == nil ? 0 : min(10, area.height / 3))]).split(columns[1])
        let title = ["\(state.focused?.name ?? "-"), epoch \(state.focusedSnapshot?.epoch ?? 0)", changeSummary(neighbors)]
            .filter { !$0.isEmpty }.joined(separator: ": ")
        NeighborPanel(state: state, neighbors: neighbors)
            .render(into: &buffer, area: panel(title, right[0], into: &buffer, glyphs: state.glyphs))
        if !right[1].isEmpty {
            renderPictures(of: neighbors, into: &buffer, area: panel("Neighbours", right[1], into: &buffer, glyphs: state.glyphs))
        }
    }

    private func renderPoint(into buffer: inout Buffer, area: Rect) {
        guard state.data.testLabels.indices.contains(state.selection) else { return }
        let label = state.data.labelText(state.data.testLabels[state.selection])
        buffer.set(x: area.x, y: area.y, string: "label \(label)  (test point \(state.selection) of \(state.data.pointCount))",
                   style: .foreground(.title, bold: true), clip: area)
        let picture = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        Thumbnail.of(state.selection, state: state, caption: nil)?.render(into: &buffer, area: picture)
    }

    /// For every run, how many of the point's k nearest neighbours share its class, epoch by epoch.
    private var history: LineChart {
        let series = state.runs.enumerated().map { index, run in
            LineChart.Series(name: run.name, points: state.sameClassHistory(of: run).map { (Double($0.epoch), Double($0.count)) },
                             color: .series(index))
        }
        return LineChart(series: series, glyphs: state.glyphs)
    }

    /// How the focused run's neighbour set differs from the previous epoch's and epoch 0's.
    private func changeSummary(_ neighbors: [PointNeighbors.Neighbor]) -> String {
        guard let run = state.focused, let shown = state.focusedSnapshot, shown.embeddings != nil else { return "" }
        func set(_ snapshot: EpochSnapshot?) -> Set<Int>? {
            guard let embeddings = snapshot?.embeddings else { return nil }
            return Set(PointNeighbors.of(state.selection, in: embeddings, k: state.neighborCount).map(\.index))
        }
        let current = Set(neighbors.map(\.index))
        var parts: [String] = []
        if shown.epoch > 0, let previous = set(run.snapshot(atEpoch: shown.epoch - 1)) {
            parts.append("+\(current.subtracting(previous).count) -\(previous.subtracting(current).count) vs epoch \(shown.epoch - 1)")
        }
        if shown.epoch > 1, let initial = set(run.initial) {
            parts.append("\(current.intersection(initial).count) kept from epoch 0")
        }
        return parts.joined(separator: ", ")
    }

    private func renderPictures(of neighbors: [PointNeighbors.Neighbor], into buffer: inout Buffer, area: Rect) {
        guard let shape = state.data.imageShape else { return }
        let label = state.data.testLabels[state.selection]
        let cellWidth = max(4, min(shape.width + 2, area.width / max(1, state.neighborCount)))
        for (rank, neighbor) in neighbors.enumerated() {
            let x = area.x + rank * cellWidth
            guard x + cellWidth <= area.maxX else { break }
            let neighborLabel = state.data.testLabels[neighbor.index]
            let mark = neighborLabel == label ? "" : String(state.glyphs.wrongMark)
            Thumbnail.of(neighbor.index, state: state, caption: "\(state.data.labelText(neighborLabel))\(mark)")?
                .render(into: &buffer, area: Rect(x: x, y: area.y, width: cellWidth - 1, height: area.height))
        }
    }
}
