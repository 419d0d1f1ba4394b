import DMLXApp
import DMLXTestSupport
import DMLXTerm
import Testing

@Suite struct AppUpdateTests {
    /// The effects of `keys` other than map requests, which `MapFlowTests` checks.
    func press(_ keys: [Key], on state: inout AppState) -> [AppEffect] {
        keys.flatMap { state.update(.key($0)) }.filter {
            if case .computeMap = $0 { return false }
            return true
        }
    }

    /// Presses `keys` one at a time and returns `value` of the state after each.
    func press<Value>(_ keys: [Key], on state: inout AppState, collecting value: KeyPath<AppState, Value>) -> [Value] {
        keys.map { key in
            _ = state.update(.key(key))
            return state[keyPath: value]
        }
    }

    /// A watched directory's run that appears while the UI runs joins the others.
    @Test func aRunThatAppearsLaterIsAdded() {
        var state = AppFixtures.state()
        let before = state.runs.count
        _ = state.update(.runAdded(RunView(name: "late", plannedEpochs: 0)))
        #expect(state.runs.count == before + 1 && state.runs.last?.name == "late")
    }

    @Test func spacePausesAndResumesAndNSteps() {
        var state = AppFixtures.state()
        #expect(press([.character(" ")], on: &state) == [.pauseRuns])
        #expect(state.isPaused)
        #expect(press([.character(" ")], on: &state) == [.resumeRuns])
        #expect(!state.isPaused)
        #expect(press([.character("n")], on: &state) == [.stepRuns])
        #expect(state.isPaused)
    }

    @Test func bracketsScrubThroughEpochsAndEndFollowsAgain() {
        var state = AppFixtures.state(epochs: 5)
        #expect(state.shownEpoch == 5 && state.isFollowingLatest)
        _ = press([.character("["), .character("[")], on: &state)
        #expect(state.shownEpoch == 3)
        _ = press([.character("]")], on: &state)
        #expect(state.shownEpoch == 4)
        _ = press([.character("]")], on: &state)
        #expect(state.isFollowingLatest)
        _ = press([.home], on: &state)
        #expect(state.shownEpoch == 0)
        _ = press([.character("[")], on: &state)
        #expect(state.shownEpoch == 0)
        _ = press([.end], on: &state)
        #expect(state.isFollowingLatest)
    }

    @Test func pinnedEpochStaysWhileNewEpochsArrive() {
        var state = AppFixtures.state(epochs: 3)
        _ = press([.character("[")], on: &state)
        let newer = AppFixtures.run("triplet", index: 0, epochs: 6)
        _ = state.update(.run(index: 0, snapshots: newer.snapshots, status: .running, steps: 3))
        #expect(state.shownEpoch == 2)
        #expect(state.latestEpoch == 6)
    }

    @Test func slashJumpsByIndexOrClass() {
        var state = AppFixtures.state()
        _ = press([.character("/"), .character("1"), .character("7"), .enter], on: &state)
        #expect(state.selection == 17)
        // Point 17 has class 1; the next class-2 point after it is 18.
        _ = press([.character("/"), .character("c"), .character("2"), .enter], on: &state)
        #expect(state.selection == 18)
        _ = press("/class 3".map { .character($0) } + [.enter], on: &state)
        #expect(state.selection == 19)
        _ = press([.character("/"), .character("9"), .character("9"), .enter], on: &state)
        #expect(state.selection == 19)
        #expect(state.notice?.contains("no point #99") == true)
        _ = press([.character("/"), .character("x"), .backspace, .character("5"), .escape], on: &state)
        #expect(state.selection == 19 && state.search == nil)
    }

    @Test func plusAndMinusChangeKWithinBounds() {
        var state = AppFixtures.state()
        _ = press([.character("+"), .character("=")], on: &state)
        #expect(state.neighborCount == 10)
        _ = press(Array(repeating: .character("-"), count: 20), on: &state)
        #expect(state.neighborCount == 1)
    }

    @Test func tabCyclesScreensBothWays() {
        var state = AppFixtures.state()
        _ = press([.tab], on: &state)
        #expect(state.screen == .compare)
        _ = press([.tab, .tab], on: &state)
        #expect(state.screen == .classes)
        _ = press([.tab], on: &state)
        #expect(state.screen == .mining)
        _ = press([.tab], on: &state)
        #expect(state.screen == .metric)
        _ = press([.tab], on: &state)
        #expect(state.screen == .dashboard)
        _ = press([.backTab], on: &state)
        #expect(state.screen == .metric)
    }

    /// A classic fit is one long epoch: its iterations show in the status while it runs.
    @Test func aClassicFitShowsItsIteration() {
        var state = AppFixtures.stateWithClassicRun(width: 120, height: 30)
        let farm = state.runs[1]
        _ = state.update(.run(index: 1, snapshots: Array(farm.snapshots.prefix(1)), status: .running, steps: 7))
        #expect(state.runs[1].statusText == "fitting, iteration 7")
        #expect(AppView.render(state).lines.last?.contains("farm fitting, iteration 7") == true)
        _ = state.update(.run(index: 1, snapshots: farm.snapshots, status: .finished, steps: 0))
        #expect(state.runs[1].statusText == "done")
    }

    /// `p` offers the top directions of L only for a run that has an L, and a deep run
    /// focused while that mode is chosen shows the aligned PCA.
    @Test func projectionsOfferTheDirectionsOfLForClassicRuns() {
        var state = AppFixtures.stateWithClassicRun()
        let deep = press(Array(repeating: .character("p"), count: 5), on: &state, collecting: \.projectionMode)
        #expect(deep == [.fixed, .perEpoch, .tsne, .umap, .aligned])
        _ = press([.character("r")], on: &state)
        let classic = press(Array(repeating: .character("p"), count: 6), on: &state, collecting: \.projectionMode)
        #expect(classic == [.fixed, .perEpoch, .tsne, .umap, .metricAxes, .aligned])
        _ = press(Array(repeating: .character("p"), count: 5), on: &state)
        #expect(state.shownProjectionMode == .metricAxes)
        _ = press([.character("r")], on: &state)
        #expect(state.projectionMode == .metricAxes && state.shownProjectionMode == .aligned)
    }

    @Test func runProjectionAxisHelpSaveAndQuit() {
        var state = AppFixtures.state()
        _ = press([.character("r")], on: &state)
        #expect(state.focusedRun == 1)
        _ = press([.character("r")], on: &state)
        #expect(state.focusedRun == 0)
        _ = press([.character("p")], on: &state)
        #expect(state.projectionMode == .fixed)
        _ = press([.character("t")], on: &state)
        #expect(state.compareAxis == .seconds)
        _ = press([.character("?")], on: &state)
        #expect(state.showsHelp)
        _ = press([.escape], on: &state)
        #expect(!state.showsHelp)
        #expect(press([.character("s")], on: &state) == [.saveCheckpoints])
        #expect(press([.character("q")], on: &state) == [.quit])
        #expect(state.shouldQuit)
        var other = AppFixtures.state()
        #expect(press([.ctrl("c")], on: &other) == [.quit])
    }

    @Test func arrowsMoveToTheNearestPointInThatDirection() {
        var state = AppFixtures.state()
        guard let points = state.scatterCoordinates?.points else {
            Issue.record("no scatter coordinates")
            return
        }
        for key in [Key.right, .up, .left, .down, .character("l"), .character("k"), .character("h"), .character("j")] {
            let before = state.selection
            _ = press([key], on: &state)
            let (dx, dy) = (points[state.selection, 0] - points[before, 0], points[state.selection, 1] - points[before, 1])
            switch key {
            case .right, .character("l"): #expect(state.selection == before || dx > 0)
            case .left, .character("h"): #expect(state.selection == before || dx < 0)
            case .up, .character("k"): #expect(state.selection == before || dy > 0)
            default: #expect(state.selection == before || dy < 0)
            }
        }
    }

    @Test func resizeIsAMessageAndTooSmallIsShown() {
        var state = AppFixtures.state()
        _ = press([.resize(width: 60, height: 20)], on: &state)
        #expect(state.size == AppState.Size(width: 60, height: 20))
        #expect(state.isTooSmall)
        #expect(AppView.render(state).lines.joined().contains("too small"))
    }

    @Test func everyHelpEntryIsListedInTheOverlay() {
        var state = AppFixtures.state(width: 120, height: 40)
        _ = press([.character("?")], on: &state)
        let screen = AppView.render(state).lines.joined(separator: "\n")
        for entry in KeyBindings.all {
            #expect(screen.contains(entry.description), "help lacks \(entry.description)")
        }
    }
}

@Suite struct AppMouseTests {
    @Test func clickingTheScatterSelectsThePointUnderTheMouse() {
        var state = AppFixtures.state(width: 120, height: 40)
        state.selection = 0
        // Click every cell of the scatter panel's inside until one selects another point:
        // each click must select a valid point, and some click must change the selection.
        var selected = Set<Int>()
        for row in 2..<20 {
            for column in stride(from: 62, to: 118, by: 3) {
                _ = state.update(.key(.mouse(MouseEvent(.click, x: column, y: row))))
                #expect(state.data.testLabels.indices.contains(state.selection))
                selected.insert(state.selection)
            }
        }
        #expect(selected.count > 4)
        // A click on the metrics table (left half) selects nothing new.
        let before = state.selection
        _ = state.update(.key(.mouse(MouseEvent(.click, x: 5, y: 30))))
        #expect(state.selection == before)
    }
}
