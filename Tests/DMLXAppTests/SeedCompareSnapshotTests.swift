import DMLXApp
import DMLXEngine
import DMLXTerm
import DMLXTestSupport
import Testing

/// The compare screen over several seeds (`--seeds`): mean curves with their 95 % bands and
/// the readout's verdict, rendered into memory at 80×24 and 160×48.
@Suite struct SeedCompareSnapshotTests {
    /// `seeds` runs of each of triplet and proxy-nca: the fixture's runs with their MAP@R and
    /// Recall@1 shifted by a seed-dependent amount (`spread` apart), so the bands have width.
    static func state(seeds: Int, spread: Double, width: Int, height: Int) -> AppState {
        let runs = ["triplet", "proxy-nca"].enumerated().flatMap { index, name in
            (0..<seeds).map { seed -> RunView in
                var run = AppFixtures.run(name, index: index, epochs: 5)
                run.seed = UInt64(seed)
                let shift = spread * (Double(seed) - Double(seeds - 1) / 2)
                for position in run.snapshots.indices where run.snapshots[position].epoch > 0 {
                    run.snapshots[position].metrics.mapAtR += shift
                    run.snapshots[position].metrics.recallAt[1]! += shift
                }
                return run
            }
        }
        var state = AppState(data: AppFixtures.data(), runs: runs, size: AppState.Size(width: width, height: height))
        state.screen = .compare
        return state
    }

    @Test func bandsAndSeparatedIntervals() {
        for (width, height) in AppSnapshotTests.sizes {
            assertSnapshot(AppView.render(Self.state(seeds: 3, spread: 0.004, width: width, height: height)),
                           named: "compare-seeds-\(width)x\(height)")
        }
    }

    @Test func overlappingIntervals() {
        assertSnapshot(AppView.render(Self.state(seeds: 5, spread: 0.05, width: 80, height: 24)), named: "compare-seeds-overlap-80x24")
    }

    /// The readout's verdict follows the intervals: 3 seeds 0.004 apart around 0.45 and 0.49
    /// (half-width 4.303 · 0.004 / √3 = 0.010) separate; 5 seeds 0.05 apart do not.
    @Test func verdictFollowsTheIntervals() {
        func text(_ state: AppState) -> String { AppView.render(state).lines.joined(separator: "\n") }
        #expect(text(Self.state(seeds: 3, spread: 0.004, width: 160, height: 48)).contains("final MAP@R, triplet vs proxy-nca: CIs separate: proxy-nca higher"))
        #expect(text(Self.state(seeds: 5, spread: 0.05, width: 160, height: 48)).contains("final MAP@R, triplet vs proxy-nca: CIs overlap"))
    }

    /// One seed is drawn without a band and says there is no interval to judge by.
    @Test func oneSeedHasNoBand() {
        let rendered = AppView.render(Self.state(seeds: 1, spread: 0, width: 160, height: 48)).lines.joined(separator: "\n")
        #expect(rendered.contains("one seed: no interval to judge by"))
    }
}
