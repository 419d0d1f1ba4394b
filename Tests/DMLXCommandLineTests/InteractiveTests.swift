import DMLXEngine
import DMLXTestSupport
import Foundation
import Testing

/// The real `dmlx` binary driven in tmux: the dashboard opens, keys do what help says,
/// resizing redraws, and every way out leaves a usable terminal.
@Suite(.serialized) struct InteractiveTests {
    /// Starts `dmlx arguments…` in a pane and waits for the dashboard. After dmlx exits the
    /// pane's shell prints the exit status and the terminal's echo setting, so a test can see
    /// the terminal was restored. The shell traps SIGINT (a handler, not an ignore, which dmlx
    /// would inherit) so that Ctrl-C, sent to the whole foreground group, leaves it running.
    func open(_ arguments: [String] = [], width: Int = 100, height: Int = 30, in directory: URL? = nil,
              waitingFor ready: String = "Loss per batch") throws -> TmuxSession {
        try #require(TmuxSession.isAvailable, "the end-to-end UI tests need tmux (apt-get install tmux)")
        try #require(FileManager.default.isExecutableFile(atPath: Dmlx.executable.path), "build dmlx first")
        let command = ([Dmlx.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let script = "trap : INT; \(command); status=$?; echo; echo \"EXIT:$status $(stty -a | grep -o ' -\\{0,1\\}echo ' | head -n 1)\"; sleep 30"
        let session = try TmuxSession(command: ["sh", "-c", script], width: width, height: height,
                                      environment: ["OPENBLAS_NUM_THREADS": "1"], workingDirectory: directory?.path)
        try session.waitFor(text: ready, timeout: .seconds(20))
        return session
    }

    /// The shown epoch from the status line ("epoch 12/30").
    func shownEpoch(_ screen: [String]) -> Int? {
        guard let line = screen.last(where: { $0.contains("epoch ") }),
              let range = line.range(of: #"epoch (\d+)/"#, options: .regularExpression) else { return nil }
        return Int(line[range].dropFirst(6).dropLast())
    }

    func exitLine(_ session: TmuxSession) throws -> String {
        try session.waitFor(text: "EXIT:", timeout: .seconds(30)).first { $0.contains("EXIT:") } ?? ""
    }

    /// Whether the exit line reports the terminal's echo on (stty prints "echo", not "-echo").
    func echoIsOn(_ exitLine: String) -> Bool {
        exitLine.hasSuffix(" echo") && !exitLine.contains("-echo")
    }

    @Test func dashboardPauseStepSelectScreensHelpAndQuit() throws {
        let session = try open(["--epochs", "200", "--pace", "0.05"])
        var screen = try session.waitFor(text: "untrained")
        #expect(screen.joined().contains("raw features"))

        try session.sendKeys("Space")
        screen = try session.waitFor(text: "paused")
        // Let a batch in flight finish, then stepping adds exactly one epoch.
        Thread.sleep(forTimeInterval: 0.5)
        let before = try #require(shownEpoch(try session.capture()))
        try session.sendKeys("n")
        screen = try session.waitFor("epoch \(before + 1)") { self.shownEpoch($0) == before + 1 }

        try session.sendKeys("/")
        try session.sendText("17")
        try session.sendKeys("Enter")
        try session.waitFor(text: "Neighbours of #17")
        try session.sendKeys("Right")
        try session.waitFor("another point") { !$0.joined().contains("Neighbours of #17") }

        try session.sendKeys("[")
        try session.waitFor("epoch \(before)") { self.shownEpoch($0) == before }

        try session.sendKeys("Tab")
        try session.waitFor(text: "MAP@R against epoch")
        try session.sendKeys("t")
        try session.waitFor(text: "MAP@R against training seconds")
        try session.sendKeys("Tab")
        try session.waitFor(text: "nearest, by epoch")
        try session.sendKeys("?")
        try session.waitFor(text: "dmlx keys")
        try session.sendKeys("Escape")
        try session.waitFor("help closed") { !$0.joined().contains("dmlx keys") }

        try session.sendKeys("q")
        let exit = try exitLine(session)
        #expect(exit.contains("EXIT:0"))
        #expect(echoIsOn(exit), "\(exit)")
    }

    @Test func saveKeyWritesACheckpointPerRunThatExportReads() throws {
        let directory = try ScratchDirectory()
        let session = try open(["--epochs", "3"], in: directory.url)
        try session.waitFor(text: "proxy-nca done")
        try session.sendKeys("s")
        try session.waitFor("both saved") { screen in
            FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("dmlx-triplet.ckpt").path)
                && FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("dmlx-proxy-nca.ckpt").path)
                && screen.joined().contains("saved dmlx-")
        }
        try session.sendKeys("q")
        #expect(try exitLine(session).contains("EXIT:0"))
        let export = try Dmlx.run(["export", directory.url.appendingPathComponent("dmlx-proxy-nca.ckpt").path,
                                   "--out", directory.url.appendingPathComponent("out").path])
        #expect(export.succeeded, "\(export)")
        #expect(export.standardOutput.contains("(epoch 3)"))
    }

    /// A classic method beside a deep loss: it fits, its metric screen shows M and its
    /// spectrum, and `p` reaches the top directions of its L (after PCA's two other
    /// variants, t-SNE and UMAP).
    @Test func classicMethodShowsItsMetric() throws {
        let session = try open(["--losses", "lmnn,proxy-nca", "--data", "wine", "--epochs", "3"])
        try session.waitFor(text: "lmnn done")
        try session.sendKeys("BTab")
        let screen = try session.waitFor(text: "M = LᵀL of lmnn, epoch 1 (13×13)")
        #expect(screen.joined().contains("Eigenvalues of M: rank"))
        #expect(screen.joined().contains("Active constraints per iteration"))
        try session.sendKeys("Tab", "p", "p", "p", "p", "p")
        try session.waitFor(text: "lmnn, epoch 1, top directions of L")
        try session.sendKeys("q")
        #expect(try exitLine(session).contains("EXIT:0"))
    }

    @Test func viewExploresGivenEmbeddings() throws {
        let embeddings = Dmlx.fixtures("eval").appendingPathComponent("clustered-f32.npy").path
        let session = try open(["view", embeddings], waitingFor: "Neighbours of #0")
        let screen = try session.waitFor(text: "clustered-f32")
        #expect(!screen.joined().contains("untrained"))
        try session.sendKeys("Down")
        try session.waitFor("selection moved") { !$0.joined().contains("Neighbours of #0") }
        try session.sendKeys("q")
        #expect(try exitLine(session).contains("EXIT:0"))
    }

    /// The Classes screen of given embeddings: the table arrives from its background
    /// queue, enter lists the worst class's queries (the worst becomes the selected point),
    /// and enter again shows that point on the dashboard.
    @Test func viewClassesLeadToAWorstQueryOnTheDashboard() throws {
        let embeddings = Dmlx.fixtures("eval").appendingPathComponent("clustered-f32.npy").path
        let session = try open(["view", embeddings], waitingFor: "Neighbours of #0")
        try session.sendKeys("Tab", "Tab", "Tab")
        try session.waitFor(text: "worst first")
        try session.waitFor("the class table") { $0.joined().contains("MAP@R") && $0.joined().contains("retrieved") }
        try session.sendKeys("Enter")
        let listed = try session.waitFor(text: "(enter: show)")
        let line = try #require(listed.first { $0.contains("Neighbours of #") })
        let query = String(line.components(separatedBy: "Neighbours of #")[1].prefix { $0.isNumber })
        #expect(query != "0", "the selection moved to the worst query")
        try session.sendKeys("Enter")
        try session.waitFor("the dashboard with #\(query)") { screen in
            !screen.joined().contains("worst first") && screen.joined().contains("Neighbours of #\(query) ")
        }
        try session.sendKeys("q")
        #expect(try exitLine(session).contains("EXIT:0"))
    }

    /// The braille cells of the scatter panel (right half, below its caption), as text.
    func scatterCells(_ screen: [String], width: Int) -> [String] {
        screen.dropFirst(2).prefix(20).map { String($0.dropFirst(width / 2)) }
    }

    /// `view` on t-SNE: the map forms on screen iteration by iteration while keys answer
    /// at once, ends with its trust, and `p` moves on to UMAP.
    @Test func viewFormsATSNEMapLiveAndScoresIt() throws {
        let session = try open(["view", "digits", "--map", "tsne", "--map-threads", "1"], width: 160, height: 48,
                               waitingFor: "Neighbours of #0")
        try session.waitFor(text: "t-SNE iteration", timeout: .seconds(30))
        try session.sendKeys("Right")
        try session.waitFor("selection moved", timeout: .seconds(2)) { !$0.joined().contains("Neighbours of #0") }
        // Every picture drawn while the map forms, until its trust is shown.
        var pictures = Set<[String]>()
        let scored = try session.waitFor("the map's trust", timeout: .seconds(60)) { screen in
            if screen.joined().contains("t-SNE iteration") { pictures.insert(scatterCells(screen, width: 160)) }
            return screen.contains { $0.contains("10-NN kept") }
        }
        #expect(pictures.count >= 3, "only \(pictures.count) different pictures while the map formed")
        let caption = try #require(scored.first { $0.contains("10-NN kept") })
        let range = try #require(caption.range(of: #"trust (0\.\d+)"#, options: .regularExpression))
        let trust = try #require(Double(caption[range].dropFirst(6)))
        #expect(trust > 0.98, "\(caption)")
        try session.sendKeys("p")
        try session.waitFor(text: "UMAP", timeout: .seconds(5))
        try session.sendKeys("q")
        #expect(try exitLine(session).contains("EXIT:0"))
    }

    /// `watch DIR` on runs written as the Python recorder writes them: the dashboard opens
    /// on the first recorded epoch, follows new epochs, and shows a run whose writer went
    /// quiet as stalled with its last good epoch kept.
    @Test func watchFollowsARecordedRunAndShowsItStalled() throws {
        let scratch = try ScratchDirectory()
        let digits = try BuiltinDatasets.digits()
        let writer = try RunDirectoryWriter(directory: scratch.url, name: "recorded")
        try writer.epoch(1, embeddings: digits.features, labels: digits.labels)
        let session = try open(["watch", scratch.url.path, "--stall-seconds", "2", "--poll-seconds", "0.1"], width: 160, height: 48)
        try session.waitFor(text: "recorded")
        try writer.batch(epoch: 2, loss: 0.4)
        try writer.epoch(2, embeddings: digits.features, labels: digits.labels)
        try session.waitFor(text: "epoch 2 ")
        try session.waitFor(text: "recorded stalled", timeout: .seconds(15))
        try session.sendKeys("q")
        let exit = try exitLine(session)
        #expect(exit.contains("EXIT:0") && echoIsOn(exit), "\(exit)")
    }

    @Test func resizingBetweenSmallAndLargeRedraws() throws {
        let session = try open(width: 80, height: 24)
        try session.resize(width: 200, height: 60)
        try session.waitFor("200 columns") { $0.first?.count ?? 0 > 150 }
        try session.resize(width: 60, height: 20)
        try session.waitFor(text: "too small")
        try session.resize(width: 80, height: 24)
        try session.waitFor(text: "Loss per batch")
        try session.sendKeys("q")
        #expect(try exitLine(session).contains("EXIT:0"))
    }

    @Test func controlCQuitsAndRestoresTheTerminal() throws {
        let session = try open()
        try session.sendKeys("C-c")
        let exit = try exitLine(session)
        #expect(exit.contains("EXIT:0"))
        #expect(echoIsOn(exit), "\(exit)")
    }

    @Test func terminationSignalRestoresTheTerminal() throws {
        let session = try open()
        let shell = try session.processID()
        // The pane runs sh, whose child is dmlx.
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        let dmlx = try #require(children.split(separator: " ").first.flatMap { Int32($0) })
        kill(dmlx, SIGTERM)
        let exit = try exitLine(session)
        #expect(exit.contains("EXIT:143"))
        #expect(echoIsOn(exit), "\(exit)")
    }

    @Test func withoutATerminalItSaysSoAndFails() throws {
        for input in [nil, "/dev/null"] as [String?] {
            let script = input.map { "'\(Dmlx.executable.path)' < \($0)" } ?? "'\(Dmlx.executable.path)' | cat"
            let result = try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script + "; exit $?"],
                                               timeout: .seconds(60))
            #expect(result.failedCleanly || input == nil, "\(script): \(result)")
            #expect(result.standardError.contains("needs a terminal"), "\(script): \(result)")
            #expect(!result.standardOutput.contains("\u{1B}["), "escape codes leaked into \(script)")
        }
    }
}
