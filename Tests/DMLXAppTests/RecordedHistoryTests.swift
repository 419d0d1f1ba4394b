import DMLXApp
import DMLXCore
import DMLXEngine
import DMLXTerm
import DMLXTestSupport
import Foundation
import Testing

/// Runs that keep their epochs on disk (`TrainingRun.History.recorded`) look exactly as
/// runs that keep them in memory, while only the epochs on screen are resident.
@Suite struct RecordedHistoryTests {
    /// `state` with its runs' epochs recorded in `directory` and published as a recording
    /// run publishes them: without their payloads.
    func recorded(_ state: AppState, in directory: URL) throws -> AppState {
        var recorded = state
        for index in state.runs.indices {
            let recorder = try RunRecorder(directory: directory, name: state.runs[index].name, configuration: "{}",
                                           labels: AppFixtures.labels)
            recorded.runs[index].snapshots = try state.runs[index].snapshots.map { $0.recorded(in: try recorder.record($0)) }
        }
        return recorded
    }

    @Test func everyScreenAndEpochLooksAsFromMemoryWithAtMostThreeEpochsResident() throws {
        let scratch = try ScratchDirectory()
        var fromMemory = AppFixtures.state(width: 120, height: 40, epochs: 12)
        var fromDisk = try recorded(fromMemory, in: scratch.url)
        #expect(fromDisk.runs.allSatisfy { $0.snapshots.allSatisfy { $0.embeddings == nil } })
        let scrub = [Key.end] + Array(repeating: Key.character("["), count: 13) + [.right, .right, .character("r")]
            + Array(repeating: Key.character("]"), count: 6) + [.character("+"), .end]
        for screen in [ScreenKind.dashboard, .inspect] {
            fromMemory.screen = screen
            fromDisk.screen = screen
            for key in scrub {
                _ = fromMemory.update(.key(key))
                _ = fromDisk.update(.key(key))
                settle(&fromMemory)
                settle(&fromDisk)
                #expect(AppView.render(fromDisk) == AppView.render(fromMemory), "\(screen), epoch \(fromDisk.shownEpoch)")
                let resident = fromDisk.runs.map { Set($0.resident.keys) }
                #expect(resident.map(\.count).reduce(0, +) <= 3, "\(resident)")
                #expect(resident[fromDisk.focusedRun] == fromDisk.epochsOnScreen)
            }
        }
    }

    /// Lets the Inspect screen finish counting its history, as the runtime does by drawing
    /// frames while it counts (each update counts for a time budget, which a loaded
    /// machine can exhaust before a short history is done). Every state gets at least one
    /// frame, so the frame time the status line shows is the same for both.
    private func settle(_ state: inout AppState) {
        var frames = 0
        repeat {
            _ = state.update(.frameRendered(milliseconds: 0))
            frames += 1
        } while state.isDerivingHistory && frames < 1_000
        #expect(!state.isDerivingHistory, "the history is still being counted after 1,000 frames")
    }

    @Test func anEpochThatCannotBeReadIsSaidAndShownWithoutPoints() throws {
        let scratch = try ScratchDirectory()
        var state = try recorded(AppFixtures.state(epochs: 3), in: scratch.url)
        let broken = try #require(state.runs[0].snapshots.last?.recordedIn)
        try FileManager.default.removeItem(at: broken.appendingPathComponent("embeddings.npy"))
        _ = state.update(.key(.end))
        #expect(state.notice?.contains("triplet, epoch 3") == true && state.notice?.contains("embeddings.npy") == true)
        #expect(state.scatterCoordinates == nil)
        _ = state.update(.key(.character("[")))
        #expect(state.scatterCoordinates != nil)
    }
}
