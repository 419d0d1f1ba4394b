import DMLXEngine
import DMLXTerm

extension AppState {
    /// Applies one message and returns what the runtime must do about it. Every key of
    /// `KeyBindings.all` is handled here. Whatever changed, the epochs on screen are made
    /// resident, and the map the scatter now shows and the per-class scores the Classes
    /// screen shows are asked for if still missing.
    public mutating func update(_ message: AppMessage) -> [AppEffect] {
        var effects = apply(message)
        refreshResidentEpochs()
        refreshDerivedViews()
        if let job = neededMapJob {
            maps.requested = job.key
            effects.append(.computeMap(job))
        }
        if let job = neededClassTableJob {
            classTable.requested = job.key
            effects.append(.computeClassTable(job))
        }
        return effects
    }

    private mutating func apply(_ message: AppMessage) -> [AppEffect] {
        switch message {
        case .key(let key):
            return search == nil ? handle(key) : handleSearch(key)
        case .run(let index, let snapshots, let status, let steps):
            guard runs.indices.contains(index) else { return [] }
            runs[index].snapshots = snapshots
            runs[index].status = status
            runs[index].stepsInEpoch = steps
            return []
        case .runAdded(let run):
            runs.append(run)
            return []
        case .maps(let latest, let finished):
            maps.receive(latest: latest, finished: finished)
            return []
        case .classTable(let latest, let finished):
            classTable.receive(latest: latest, finished: finished)
            return []
        case .progress(let tasks):
            self.tasks = tasks
            return []
        case .notice(let text):
            notice = text
            return []
        case .frameRendered(let milliseconds):
            lastFrameMilliseconds = milliseconds
            return []
        }
    }

    private mutating func handle(_ key: Key) -> [AppEffect] {
        notice = nil
        if screen == .classes, !showsHelp, handleClassTableKey(key) { return [] }
        switch key {
        case .character(" "):
            isPaused.toggle()
            return [isPaused ? .pauseRuns : .resumeRuns]
        case .character("n"):
            isPaused = true
            return [.stepRuns]
        case .character("["): pinnedEpoch = max(0, shownEpoch - 1)
        case .character("]"): pinnedEpoch = shownEpoch + 1 >= latestEpoch ? nil : shownEpoch + 1
        case .home: pinnedEpoch = 0
        case .end: pinnedEpoch = nil
        case .left, .character("h"): moveSelection(.left)
        case .right, .character("l"): moveSelection(.right)
        case .up, .character("k"): moveSelection(.up)
        case .down, .character("j"): moveSelection(.down)
        case .mouse(let event) where event.kind == .click: select(atColumn: event.x, row: event.y)
        case .character("/"): search = ""
        case .character("+"), .character("="): neighborCount = min(Self.neighborCountRange.upperBound, neighborCount + 1)
        case .character("-"): neighborCount = max(Self.neighborCountRange.lowerBound, neighborCount - 1)
        case .tab: screen = cycled(screen, by: 1)
        case .backTab: screen = cycled(screen, by: -1)
        case .character("r"): focusedRun = runs.isEmpty ? 0 : (focusedRun + 1) % runs.count
        case .character("p"):
            projectionMode = shownProjectionMode.next(hasMetricAxes: focusedSnapshot?.projection?.metricAxes != nil,
                                                      hasGivenMap: data.givenMap != nil)
        case .character("t"): compareAxis = compareAxis == .epochs ? .seconds : .epochs
        case .character("s"): return [.saveCheckpoints]
        case .character("?"): showsHelp.toggle()
        case .escape: showsHelp = false
        case .character("q"), .ctrl("c"):
            shouldQuit = true
            return [.quit]
        case .resize(let width, let height): size = Size(width: width, height: height)
        default: break
        }
        return []
    }

    private mutating func handleSearch(_ key: Key) -> [AppEffect] {
        switch key {
        case .enter:
            let query = search ?? ""
            search = nil
            jump(to: query)
        case .escape: search = nil
        case .backspace, .delete: search = String((search ?? "").dropLast())
        case .character(let character): search = (search ?? "") + String(character)
        case .ctrl("c"):
            shouldQuit = true
            return [.quit]
        case .resize(let width, let height): size = Size(width: width, height: height)
        default: break
        }
        return []
    }

    private func cycled(_ screen: ScreenKind, by step: Int) -> ScreenKind {
        let all = ScreenKind.allCases
        return all[(all.firstIndex(of: screen)! + step + all.count) % all.count]
    }

    /// A click on the dashboard's scatter plot selects the point drawn nearest to it.
    private mutating func select(atColumn column: Int, row: Int) {
        guard screen == .dashboard, !isTooSmall, let plot = ScatterFigure(state: self).plot else { return }
        let body = Rect(x: 0, y: 0, width: size.width, height: size.height - 1)
        if let index = plot.nearestPoint(toColumn: column, row: row, in: DashboardLayout(body, for: self).scatterPlotArea),
           index < data.pointCount {
            selection = index
        }
    }
}
