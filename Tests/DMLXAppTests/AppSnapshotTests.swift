import DMLXApp
import DMLXTerm
import DMLXTestSupport
import Testing

/// Every screen rendered into memory at 80×24 and 160×48, compared with the text
/// snapshots under Snapshots/ (record with DMLX_RECORD_SNAPSHOTS=1, then read them).
@Suite struct AppSnapshotTests {
    static let sizes = [(80, 24), (160, 48)]

    func state(_ screen: ScreenKind, width: Int, height: Int) -> AppState {
        var state = AppFixtures.state(width: width, height: height)
        state.screen = screen
        state.selection = 5
        if screen == .classes {
            // An early epoch, whose classes still overlap, so that the table has confusions.
            state.pinnedEpoch = 0
            AppFixtures.scoreClasses(&state)
        }
        return state
    }

    @Test(arguments: ScreenKind.allCases)
    func screens(_ screen: ScreenKind) {
        for (width, height) in Self.sizes {
            assertSnapshot(AppView.render(state(screen, width: width, height: height)),
                           named: "\(screen.rawValue)-\(width)x\(height)")
        }
    }

    /// Given embeddings (`dmlx view`): no loss panel; the metrics and neighbours share the
    /// left, the scatter takes the whole right.
    @Test func givenEmbeddingsHaveNoLossPanel() {
        var given = AppFixtures.run("embeddings", index: 0, epochs: 0, planned: 0)
        given.status = .finished
        given.kind = .given
        var data = AppFixtures.data()
        data.showsBaselines = false
        var state = AppState(data: data, runs: [given], size: AppState.Size(width: 80, height: 24))
        state.selection = 5
        #expect(!state.hasTraining && AppFixtures.state().hasTraining)
        assertSnapshot(AppView.render(state), named: "dashboard-given-embeddings-80x24")
    }

    @Test func helpOverlayAndAsciiFallback() {
        var state = state(.dashboard, width: 80, height: 24)
        state.showsHelp = true
        state.glyphs = .ascii
        assertSnapshot(AppView.render(state), named: "help-ascii-80x24")
    }

    @Test func pinnedEpochAndSearchPrompt() {
        var state = state(.dashboard, width: 80, height: 24)
        _ = state.update(.key(.character("[")))
        _ = state.update(.key(.character("[")))
        _ = state.update(.key(.character("/")))
        _ = state.update(.key(.character("c")))
        assertSnapshot(AppView.render(state), named: "dashboard-pinned-search-80x24")
    }

    /// A classic run beside a deep one: its metric screen, and the dashboard scatter along
    /// the top directions of its L (the loss chart keeps to the deep run).
    @Test func classicRunMetricAndDirectionsOfL() {
        for (width, height) in Self.sizes {
            var state = AppFixtures.stateWithClassicRun(width: width, height: height)
            state.focusedRun = 1
            state.screen = .metric
            assertSnapshot(AppView.render(state), named: "metric-farm-\(width)x\(height)")
        }
        var state = AppFixtures.stateWithClassicRun()
        state.focusedRun = 1
        state.projectionMode = .metricAxes
        assertSnapshot(AppView.render(state), named: "dashboard-farm-axes-80x24")
    }

    @Test func tooSmall() {
        assertSnapshot(AppView.render(state(.dashboard, width: 50, height: 12)), named: "too-small-50x12")
    }
}

@Suite struct AppRobustnessTests {
    /// Every screen, with and without help, at sizes down to nothing, draws without trapping.
    @Test func everyScreenRendersAtAnySize() {
        for (width, height) in [(0, 0), (1, 1), (2, 5), (79, 23), (80, 24), (81, 25), (200, 60)] {
            for screen in ScreenKind.allCases {
                for help in [false, true] {
                    for var state in [AppFixtures.state(width: width, height: height),
                                      AppFixtures.stateWithClassicRun(width: width, height: height)] {
                        state.screen = screen
                        state.showsHelp = help
                        state.focusedRun = state.runs.count - 1
                        let buffer = AppView.render(state)
                        #expect(buffer.width == width && buffer.height == height)
                    }
                }
            }
        }
    }
}
