import DMLXApp
import DMLXEngine
import DMLXTerm
import DMLXTestSupport
import Testing

/// The dashboard's metrics table for runs with `--validation`: a valMAP column, and the best
/// epoch chosen by validation MAP@R (never by a test score) marked with ★.
@Suite struct ValidationTableTests {
    /// `AppFixtures.state` whose runs also score a validation part: its MAP@R rises to epoch
    /// `3 − run` and falls after, while the test scores keep rising.
    static func state(width: Int = 80, height: Int = 24) -> AppState {
        var state = AppFixtures.state(width: width, height: height)
        for run in state.runs.indices {
            let peak = 3 - run
            for index in state.runs[run].snapshots.indices {
                let epoch = state.runs[run].snapshots[index].epoch
                let quality = 0.3 + 0.1 * Double(min(epoch, peak)) - 0.05 * Double(max(0, epoch - peak))
                state.runs[run].snapshots[index].validationMetrics = AppFixtures.metrics(quality)
            }
        }
        return state
    }

    @Test func theBestEpochIsChosenByValidationNotByTheTestScore() {
        let state = Self.state()
        #expect(state.runs.map { $0.bestByValidation(upToEpoch: 5)?.epoch } == [3, 2])
        #expect(state.runs.map { $0.best(upToEpoch: 5)?.epoch } == [5, 5], "the test scores peak at the newest epoch")
        #expect(state.runs.map { $0.bestByValidation(upToEpoch: 1)?.epoch } == [1, 1])
        #expect(AppFixtures.state().runs.allSatisfy { !$0.isValidated && $0.bestByValidation(upToEpoch: 5) == nil })
    }

    /// Only `--patience` ends a validated run before its planned epochs (5 of 10 here).
    @Test func aValidatedRunDoneBeforeItsPlannedEpochsStoppedEarly() {
        var validated = Self.state().runs[0], plain = AppFixtures.state().runs[0]
        validated.status = .finished
        plain.status = .finished
        #expect(validated.statusText == "stopped early" && plain.statusText == "done")
        validated.plannedEpochs = 5
        #expect(validated.statusText == "done")
    }

    @Test func theTableMarksTheBestEpoch() {
        for (width, height) in AppSnapshotTests.sizes {
            assertSnapshot(AppView.render(Self.state(width: width, height: height)), named: "dashboard-validation-\(width)x\(height)")
        }
        // Scrubbed back to epoch 3: the triplet run's shown epoch is its best, and its row says so.
        var state = Self.state()
        _ = state.update(.key(.character("[")))
        _ = state.update(.key(.character("[")))
        #expect(state.shownEpoch == 3)
        let rows = AppView.render(state).lines.filter { $0.contains("★3") }
        #expect(rows.count == 2 && rows.first?.contains("│triple") == true, "the triplet run's row and its best are marked: \(rows)")
        assertSnapshot(AppView.render(state), named: "dashboard-validation-epoch-3-80x24")
    }
}
