import DMLXTerm

/// The bottom line: data, shown epoch, each run's state, the jump prompt or a notice,
/// the frame time, and the keys for help and quit.
struct StatusLine: Widget {
    let state: AppState

    func render(into buffer: inout Buffer, area: Rect) {
        var left: [StatusBar.Segment] = [.init("dmlx", style: Style(foreground: .title, bold: true, reverse: true))]
        if let search = state.search {
            left.append(.init("jump to (index, c<class> or class name): \(search)_"))
        } else {
            left.append(.init(isWide ? "\(state.data.name) \(state.data.split)" : state.data.name))
            left.append(.init(epochText))
            left += state.tasks.map { .init($0.text(barWidth: 10), style: Style(foreground: .title, reverse: true)) }
            left += state.runs.map { .init("\($0.label) \($0.statusText)") }
            if let notice = state.notice { left.append(.init(notice, style: Style(foreground: .warning, reverse: true))) }
        }
        var right: [StatusBar.Segment] = []
        if isWide, let milliseconds = state.lastFrameMilliseconds {
            right.append(.init(String(format: "frame %.1f ms", milliseconds)))
        }
        if isWide { right.append(.init(state.screen.title)) }
        right += [.init("? help"), .init("q quit")]
        StatusBar(left: left, right: right, glyphs: state.glyphs).render(into: &buffer, area: area)
    }

    /// Wide terminals also show the split, the screen's name and the frame time.
    private var isWide: Bool { state.size.width >= 120 }

    private var epochText: String {
        let planned = state.runs.map(\.plannedEpochs).max() ?? 0
        let follow = state.isFollowingLatest ? "" : " (pinned; end follows)"
        // Given embeddings and watched runs plan no number of epochs.
        let of = planned > 0 ? "/\(planned)" : ""
        return "epoch \(state.shownEpoch)\(of)\(follow)\(state.isPaused ? " paused" : "")"
    }
}
