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
            left.append(.init("\(state.data.name) \(state.data.split)"))
            left.append(.init(epochText))
            left += state.runs.map { .init("\($0.name) \($0.statusText)") }
            if let notice = state.notice { left.append(.init(notice, style: Style(foreground: .warning, reverse: true))) }
        }
        var right: [StatusBar.Segment] = []
        if let milliseconds = state.lastFrameMilliseconds {
            right.append(.init(String(format: "frame %.1f ms", milliseconds)))
        }
        right += [.init("\(state.screen.title)"), .init("? help"), .init("q quit")]
        StatusBar(left: left, right: right, glyphs: state.glyphs).render(into: &buffer, area: area)
    }

    private var epochText: String {
        let planned = state.runs.map(\.plannedEpochs).max() ?? 0
        let follow = state.isFollowingLatest ? "" : " (pinned; end follows)"
        return "epoch \(state.shownEpoch)/\(planned)\(follow)\(state.isPaused ? " paused" : "")"
    }
}
