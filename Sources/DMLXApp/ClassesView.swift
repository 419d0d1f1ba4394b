import DMLXEngine
import DMLXTerm

/// The Classes screen: each class's precision@1, R-precision and MAP@R at the shown epoch
/// of the focused run, worst MAP@R first, with the classes its queries retrieve instead
/// (`PerClassScores`, scored off the UI thread); beside it the highlighted class's worst
/// queries (lowest AP@R first, with the class of their nearest wrong neighbour) and the
/// selected point's neighbours.
struct ClassesView: Widget {
    let state: AppState

    func render(into buffer: inout Buffer, area: Rect) {
        let columns = Layout.horizontal([.percentage(58), .fill]).split(area)
        // The table as tall as its classes (2 borders and a header), the highlighted
        // class's confusions below it; many classes leave the table three fifths.
        let classCount = state.classRows?.classes.count ?? 1
        let left = Layout.vertical([.fixed(min(classCount + 3, columns[0].height * 3 / 5)), .fill]).split(columns[0])
        let right = Layout.vertical([.percentage(50), .fill]).split(columns[1])
        renderClasses(into: &buffer, area: left[0])
        renderConfusions(into: &buffer, area: left[1])
        renderQueries(into: &buffer, area: right[0])
        NeighborPanel(state: state, neighbors: state.selectionNeighbors)
            .render(into: &buffer, area: panel(state.neighborsTitle, right[1], into: &buffer, glyphs: state.glyphs))
    }

    private func renderClasses(into buffer: inout Buffer, area: Rect) {
        let whose = "\(state.focused?.name ?? "-") epoch \(state.shownClassTableKey?.epoch ?? state.shownEpoch)"
        let approximate = state.classTableIsApproximate ? ", approximate" : ""
        let inside = panel("Classes, \(whose), worst first\(approximate)", area, into: &buffer, glyphs: state.glyphs)
        guard let (classes, highlighted) = state.classRows else {
            _ = buffer.set(x: inside.x, y: inside.y, string: pendingText, style: .foreground(.dim), clip: inside)
            return
        }
        let shown = Self.window(count: classes.count, highlighted: highlighted, height: inside.height - 1)
        let rows = classes[shown].map { scores in
            Table.Row([name(scores.label), String(scores.count), formatted(scores.precisionAt1), formatted(scores.rPrecision),
                       formatted(scores.mapAtR), confusionText(scores)])
        }
        Table(columns: [Table.Column("class"), .numeric("n"), .numeric("P@1"), .numeric("R-prec"), .numeric("MAP@R"),
                        Table.Column("retrieved instead", width: .fill(1))],
              rows: rows, highlightedRow: highlighted - shown.lowerBound, glyphs: state.glyphs)
            .render(into: &buffer, area: inside)
    }

    /// Where the highlighted class's R nearest neighbours come from: the class itself (its
    /// R-precision) and each class retrieved instead, with counts, shares and bars.
    private func renderConfusions(into buffer: inout Buffer, area: Rect) {
        guard let (classes, highlighted) = state.classRows else { return }
        let scores = classes[highlighted]
        let inside = panel("R nearest of \(name(scores.label)) (enter: worst queries)", area,
                           into: &buffer, glyphs: state.glyphs)
        let slots = scores.count * (scores.count - 1)
        let own = (name(scores.label) + " itself", Int((scores.rPrecision * Double(slots)).rounded()), scores.rPrecision)
        let entries = [own] + scores.confusions.prefix(max(0, inside.height - 2)).map { (name($0.label), $0.count, $0.share) }
        let barWidth = max(0, inside.width - 32)
        let rows = scores.isLone ? [] : entries.map { entry in
            Table.Row([entry.0, String(entry.1), "\(formatted(100 * entry.2, digits: 1))%",
                       String(repeating: state.glyphs.legendMark, count: Int((Double(barWidth) * entry.2).rounded()))])
        }
        Table(columns: [Table.Column("class"), .numeric("count"), .numeric("share"), Table.Column("", width: .fill(1))],
              rows: rows, glyphs: state.glyphs)
            .render(into: &buffer, area: inside)
    }

    private func renderQueries(into buffer: inout Buffer, area: Rect) {
        guard let (classes, classRow) = state.classRows else {
            _ = panel("Worst queries", area, into: &buffer, glyphs: state.glyphs)
            return
        }
        let label = classes[classRow].label
        let hint = state.classTable.queryRow == nil ? "" : " (enter: show)"
        let inside = panel("Worst queries of \(name(label))\(hint)", area, into: &buffer, glyphs: state.glyphs)
        let queries = state.highlightedClassQueries
        guard !queries.isEmpty else {
            _ = buffer.set(x: inside.x, y: inside.y, string: "a class of one: no query to answer", style: .foreground(.dim), clip: inside)
            return
        }
        let highlighted = state.classTable.queryRow
        let shown = Self.window(count: queries.count, highlighted: highlighted ?? 0, height: inside.height - 1)
        let rows = queries[shown].map { query in
            Table.Row(["#\(query.query)", formatted(query.averagePrecision),
                       query.firstWrongNeighbor.map { "#\($0) \(name(state.data.testLabels[$0]))" } ?? "none"])
        }
        Table(columns: [.numeric("query"), .numeric("AP@R"), Table.Column("first wrong", width: .fill(1))],
              rows: rows, highlightedRow: highlighted.map { $0 - shown.lowerBound }, glyphs: state.glyphs)
            .render(into: &buffer, area: inside)
    }

    /// The rows a table of `height` rows shows, scrolled as `Table` scrolls, so that a
    /// frame formats only those (a class of 10⁵ queries must not cost a frame 10⁵ rows).
    static func window(count: Int, highlighted: Int, height: Int) -> Range<Int> {
        let start = max(0, highlighted - max(1, height) + 1)
        return min(start, count)..<min(count, start + max(1, height))
    }

    /// What the table waits for: embeddings, or the scoring under way.
    private var pendingText: String {
        guard let key = state.shownClassTableKey else { return "no embeddings at this epoch" }
        let share = state.classTable.current.flatMap { $0.key == key ? $0.share : nil } ?? 0
        return "scoring the classes of \(state.data.pointCount) points… \(Int((100 * share).rounded()))%"
    }

    /// The class's most retrieved other classes, "8 Bag 14%, 3 10%", or why there are none.
    private func confusionText(_ scores: ClassScores) -> String {
        if scores.isLone { return "alone: nothing to retrieve" }
        if scores.confusions.isEmpty { return "none" }
        return scores.confusions.prefix(3).map { "\(name($0.label)) \(Int((100 * $0.share).rounded()))%" }.joined(separator: ", ")
    }

    private func name(_ label: Int) -> String {
        let text = state.data.labelText(label)
        return text == String(label) ? text : "\(label) \(text)"
    }
}
