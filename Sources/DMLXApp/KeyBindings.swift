import DMLXTerm

/// Every key of the UI with what it does: the help overlay is made from this table, and
/// `AppState.update` implements exactly these.
public enum KeyBindings {
    public static let all: [HelpOverlay.Entry] = [
        HelpOverlay.Entry("space", "pause / resume training"),
        HelpOverlay.Entry("n", "train one more epoch (pauses)"),
        HelpOverlay.Entry("[  ]", "show the previous / next epoch (all panels)"),
        HelpOverlay.Entry("home  end", "show epoch 0 / follow the newest epoch"),
        HelpOverlay.Entry("arrows hjkl", "select the nearest point in that direction"),
        HelpOverlay.Entry("click", "select the point under the mouse"),
        HelpOverlay.Entry("/", "jump to a point: an index, or c<class> / a class name"),
        HelpOverlay.Entry("+  -", "more / fewer neighbours (k)"),
        HelpOverlay.Entry("tab  shift-tab", "next / previous screen: " + ScreenKind.allCases.map(\.rawValue).joined(separator: ", ")),
        HelpOverlay.Entry("r", "show the next run in the scatter and neighbour panels"),
        HelpOverlay.Entry("p", "cycle maps: " + ProjectionMode.allCases.map(\.title).joined(separator: ", ")),
        HelpOverlay.Entry("t", "compare screen: against epochs / training seconds"),
        HelpOverlay.Entry("up down  jk", "classes: move among the classes or a class's worst queries"),
        HelpOverlay.Entry("enter  esc", "classes: open a class / back; enter on a query shows it"),
        HelpOverlay.Entry("s", "save a checkpoint of every run"),
        HelpOverlay.Entry("?", "show / hide this help"),
        HelpOverlay.Entry("q  ctrl-c", "quit"),
    ]
}
