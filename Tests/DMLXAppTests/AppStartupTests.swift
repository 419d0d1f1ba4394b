import DMLXApp
import DMLXEngine
import DMLXTerm
import DMLXTestSupport
import Synchronization
import Testing

/// The screen before the UI: the preparation's steps drawn, its value, error or
/// cancellation handed back.
@Suite struct AppStartupTests {
    struct Failure: Error, Equatable {}

    @Test func theStepsAreDrawnAsBars() {
        let tasks = [TaskProgress(title: "reading fashion60k.npy", share: nil, elapsed: 1.2),
                     TaskProgress(title: "scoring 60000 points", share: 0.41, elapsed: 24.3)]
        var buffer = Buffer(width: 80, height: 24)
        StartupView(title: "dmlx view fashion60k.npy", tasks: tasks, isCancelling: false, glyphs: .unicode)
            .render(into: &buffer, area: Rect(x: 0, y: 0, width: 80, height: 24))
        assertSnapshot(buffer, named: "startup-80x24")
    }

    @Test func theValueOrTheErrorOfThePreparationComesBack() throws {
        let backend = InMemoryBackend(width: 80, height: 24)
        #expect(try AppStartup.run(on: backend, title: "dmlx test", board: ProgressBoard()) { 42 } == 42)
        #expect(backend.presented.first?.lines.joined().contains("┌ dmlx test ─") == true,
                "a frame is drawn before the value is ready")
        #expect(throws: Failure()) { try AppStartup.run(on: backend, title: "t", board: ProgressBoard()) { () -> Int? in throw Failure() } }
    }

    /// q cancels the board; a preparation that waits for that gives up with nil.
    @Test func qStopsThePreparation() throws {
        let backend = InMemoryBackend(width: 80, height: 24, keys: [.character("q")])
        let board = ProgressBoard()
        let value = try AppStartup.run(on: backend, title: "t", board: board) { () -> Int? in
            board.track("waiting") { report in
                while report(0) {}
                return nil
            }
        }
        #expect(value == nil && board.isCancelled)
    }
}
