import DMLXTestSupport
import Foundation
import Testing

/// `--history`: runs trained here recorded in the run-directory format, so `dmlx watch`
/// reopens them; the UI's default is a temporary directory removed on exit.
@Suite struct HistoryTests {
    @Test func aTrainedRunIsReopenedByWatchWithTheSameNumbers() throws {
        let scratch = try ScratchDirectory()
        let trained = try Dmlx.records(["train", "--data", "iris", "--epochs", "3", "--history", scratch.url.path, "--json"])
        let watched = try Dmlx.records(["watch", scratch.url.path, "--json", "--poll-seconds", "0.05"])
        #expect(trained.map(\.epoch) == [0, 1, 2, 3] && watched.map(\.epoch) == [0, 1, 2, 3])
        #expect(watched.map(\.metrics) == trained.map(\.metrics))
        #expect(watched.allSatisfy { $0.run == "proxy-nca" })
        let again = try Dmlx.run(["train", "--data", "iris", "--epochs", "1", "--history", scratch.url.path])
        #expect(!again.succeeded && again.standardError.contains("proxy-nca/run.json"), "\(again)")
    }

    /// The dashboard records into a fresh directory under TMPDIR while it runs and removes
    /// it on quitting, and those of dashboards killed before (whose process is gone); with
    /// --history the directory stays, closed, for `dmlx watch`.
    @Test func theDashboardsHistoryIsTemporaryUnlessKept() throws {
        try #require(TmuxSession.isAvailable, "the end-to-end UI tests need tmux (apt-get install tmux)")
        let temporary = try ScratchDirectory()
        let kept = try ScratchDirectory()
        let ended = try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "echo $$"], timeout: .seconds(10))
        let abandoned = "dmlx-history-\(ended.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))-1"
        let alive = "dmlx-history-\(getpid())-1"
        for name in [abandoned, alive] {
            try FileManager.default.createDirectory(at: temporary.url.appendingPathComponent(name), withIntermediateDirectories: false)
        }
        for history in [[], ["--history", kept.url.path]] {
            // A shell around dmlx keeps the pane, and what dmlx printed on leaving, on screen.
            let command = ([Dmlx.executable.path, "--epochs", "3", "--pace", "0"] + history).map { "'\($0)'" }.joined(separator: " ")
            let session = try TmuxSession(command: ["sh", "-c", "\(command); echo \"EXIT:$?\"; sleep 30"], width: 100, height: 30,
                                          environment: ["OPENBLAS_NUM_THREADS": "1", "TMPDIR": temporary.url.path])
            try session.waitFor(text: "proxy-nca done", timeout: .seconds(30))
            let recording = try temporary.contents().filter { $0.hasPrefix("dmlx-history-") && $0 != alive }
            #expect(recording.count == (history.isEmpty ? 1 : 0), "\(recording)")
            try session.sendKeys("q")
            let said = try session.waitFor(text: "EXIT:", timeout: .seconds(20)).joined()  // lines wrap at the pane's width
            #expect(said.contains("EXIT:0"), "\(said)")
            #expect(said.contains("reopen with: dmlx watch \(kept.url.path)") == !history.isEmpty, "\(said)")
            // Removed by a child process that may outlive dmlx for a moment.
            let deadline = Date().addingTimeInterval(20)
            while try temporary.contents() != [alive] && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            #expect(try temporary.contents() == [alive], "the abandoned history and this one's are removed, a live process's stays")
        }
        for run in ["triplet", "proxy-nca"] {
            #expect(FileManager.default.fileExists(atPath: kept.url.appendingPathComponent("\(run)/closed.json").path))
        }
        let watched = try Dmlx.records(["watch", kept.url.path, "--json", "--poll-seconds", "0.05"])
        #expect(watched.count == 8 && Set(watched.compactMap(\.run)) == ["triplet", "proxy-nca"])
    }
}
