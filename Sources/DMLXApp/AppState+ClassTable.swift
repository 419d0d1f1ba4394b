import DMLXCore
import DMLXEngine
import DMLXTerm

extension AppState {
    /// Whose classes the Classes screen shows: the focused run at the shown epoch, once
    /// it has embeddings.
    public var shownClassTableKey: ClassTableKey? {
        guard let run = focused, let snapshot = focusedSnapshot, snapshot.embeddings != nil else { return nil }
        return ClassTableKey(run: run.name, epoch: snapshot.epoch)
    }

    /// The shown epoch's per-class scores, once scored.
    public var shownClassScores: PerClassScores? {
        shownClassTableKey.flatMap { classTable.scores(for: $0) }
    }

    /// The job the Classes screen still needs (nil on other screens, or when it is done or
    /// asked for): exact search over the shown embeddings, or for given embeddings with an
    /// approximate index that index, on one thread (the UI keeps the other core).
    var neededClassTableJob: ClassTableJob? {
        guard screen == .classes, let key = shownClassTableKey, classTable.scores(for: key) == nil,
              classTable.requested != key, let embeddings = focusedSnapshot?.embeddings,
              embeddings.rows == data.pointCount else { return nil }
        let approximate = focused?.kind == .given ? data.approximateNeighbors?.index.withThreads(1) : nil
        return ClassTableJob(key: key, index: approximate ?? .exact(embeddings), labels: data.testLabels)
    }

    /// Whether the shown scores come from an approximate search.
    var classTableIsApproximate: Bool { focused?.kind == .given && data.approximateNeighbors != nil }

    /// The classes in the table's order (worst MAP@R first) and the highlighted one's row.
    var classRows: (classes: [ClassScores], highlighted: Int)? {
        guard let classes = shownClassScores?.worstFirst, !classes.isEmpty else { return nil }
        let row = classTable.selectedClass.flatMap { label in classes.firstIndex { $0.label == label } } ?? 0
        return (classes, row)
    }

    /// The highlighted class's queries, the lowest average precision first.
    var highlightedClassQueries: [QueryScore] {
        guard let rows = classRows else { return [] }
        return shownClassScores?.worstQueries[rows.classes[rows.highlighted].label] ?? []
    }

    /// The Classes screen's keys; false for a key it leaves to the other screens. Up and
    /// down (k, j) move in the list in use; enter on a class enters its worst queries,
    /// where each row moved to becomes the selected point (the neighbour panel follows)
    /// and enter shows it on the dashboard; escape goes back to the classes.
    mutating func handleClassTableKey(_ key: Key) -> Bool {
        // Until the scores arrive the list keys do nothing, rather than move the scatter's selection.
        guard let rows = classRows else { return [.up, .down, .enter, .character("j"), .character("k")].contains(key) }
        let queries = highlightedClassQueries
        switch (key, classTable.queryRow) {
        case (.up, nil), (.character("k"), nil): highlightClass(rows.classes[max(0, rows.highlighted - 1)])
        case (.down, nil), (.character("j"), nil): highlightClass(rows.classes[min(rows.classes.count - 1, rows.highlighted + 1)])
        case (.enter, nil):
            guard !queries.isEmpty else { return true }
            highlightQuery(0, of: queries)
        case (.up, let row?), (.character("k"), let row?): highlightQuery(row - 1, of: queries)
        case (.down, let row?), (.character("j"), let row?): highlightQuery(row + 1, of: queries)
        case (.enter, let row?):
            highlightQuery(row, of: queries)
            screen = .dashboard
        case (.escape, _?): classTable.queryRow = nil
        default: return false
        }
        return true
    }

    private mutating func highlightClass(_ scores: ClassScores) {
        classTable.selectedClass = scores.label
        classTable.queryRow = nil
    }

    private mutating func highlightQuery(_ row: Int, of queries: [QueryScore]) {
        guard !queries.isEmpty else { return }
        let clamped = min(max(0, row), queries.count - 1)
        classTable.queryRow = clamped
        selection = queries[clamped].query
    }
}
