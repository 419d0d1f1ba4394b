import DMLXTerm

extension Buffer {
    /// The screen as text, one string per row: the symbols of the row (the trailing half of
    /// a double-width character contributes nothing, its leading half shows it), with
    /// trailing spaces trimmed so snapshots survive editors that strip them.
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width where !self[column, row].isContinuation {
                line.append(self[column, row].symbol)
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The styles of the screen as a second text layer: one letter per cell ("." for the
    /// default style; further styles get "a", "b", ... in order of first appearance, row by
    /// row, so the layer is deterministic), trailing "." trimmed, then a blank line and one
    /// "letter: description" line per letter used.
    public var styleLines: [String] {
        var letters: [Style: Character] = [Style(): "."]
        var order: [Style] = []
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var rows: [String] = (0..<height).map { row in
            var line = ""
            for column in 0..<width {
                let style = self[column, row].style
                if letters[style] == nil {
                    letters[style] = order.count < alphabet.count ? alphabet[order.count] : "?"
                    order.append(style)
                }
                line.append(letters[style]!)
            }
            while line.last == "." { line.removeLast() }
            return line
        }
        if !order.isEmpty { rows.append("") }
        rows += order.map { "\(letters[$0]!): \(Buffer.describe($0))" }
        return rows
    }

    private static func describe(_ style: Style) -> String {
        var parts = ["fg=\(style.foreground)", "bg=\(style.background)"]
        if style.bold { parts.append("bold") }
        if style.reverse { parts.append("reverse") }
        if style.dim { parts.append("dim") }
        return parts.joined(separator: " ")
    }
}
