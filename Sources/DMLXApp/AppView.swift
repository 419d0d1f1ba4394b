import DMLXTerm

/// Renders a state into a cell buffer: a pure function, so screens are tested by
/// rendering into memory and comparing text.
public enum AppView {
    public static func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(width: max(0, state.size.width), height: max(0, state.size.height))
        let screen = Rect(x: 0, y: 0, width: buffer.width, height: buffer.height)
        if state.isTooSmall {
            TooSmallPanel(required: (AppState.minimumSize.width, AppState.minimumSize.height),
                          actual: (state.size.width, state.size.height), glyphs: state.glyphs)
                .render(into: &buffer, area: screen)
            return buffer
        }
        let body = Rect(x: 0, y: 0, width: screen.width, height: screen.height - 1)
        switch state.screen {
        case .dashboard: DashboardView(state: state).render(into: &buffer, area: body)
        case .compare: CompareView(state: state).render(into: &buffer, area: body)
        case .inspect: InspectView(state: state).render(into: &buffer, area: body)
        case .mining: MiningView(state: state).render(into: &buffer, area: body)
        case .metric: MetricView(state: state).render(into: &buffer, area: body)
        case .classes: ClassesView(state: state).render(into: &buffer, area: body)
        }
        StatusLine(state: state).render(into: &buffer, area: screen.row(screen.height - 1))
        if state.showsHelp {
            HelpOverlay(title: "dmlx keys", entries: KeyBindings.all, glyphs: state.glyphs)
                .render(into: &buffer, area: body)
        }
        return buffer
    }
}

/// A titled box around a panel; returns the inside.
func panel(_ title: String, _ area: Rect, into buffer: inout Buffer, glyphs: Glyphs) -> Rect {
    let box = Box(title: title, glyphs: glyphs)
    box.render(into: &buffer, area: area)
    return box.inner(area)
}

/// "0.912", or "-" for a missing or non-finite value.
func formatted(_ value: Double?, digits: Int = 3) -> String {
    guard let value, value.isFinite else { return "-" }
    return String(format: "%.\(digits)f", value)
}
