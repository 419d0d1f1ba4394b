import ArgumentParser
import DMLXApp
import DMLXCore
import DMLXCurses
import DMLXEngine
import Foundation

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow runs recorded by python/dmlx_record while they train, scoring every epoch.",
        discussion: """
            DIR is a run directory written by the recorder (python/dmlx_record; its format is \
            documented there and in the README), possibly on another machine's disk or reached \
            through ssh. Every recorded epoch is scored by dmlx itself, exactly as `dmlx eval` \
            scores embeddings. A directory that does not exist yet is waited for; a run whose \
            writer has gone quiet for --stall-seconds without closing is reported stalled and \
            counts as ended; a corrupt or unreadable epoch is reported with its file and skipped.
            """)

    @Argument(help: "The run directory.")
    var directory: String

    @Flag(help: "Headless: print one JSON record per recorded epoch as it appears (the keys of `train --json`) and exit when every run has ended. Without it the dashboard opens on the runs.")
    var json = false

    @OptionGroup var mapOptions: MapOptions

    @Option(help: "Seconds between two looks at the directory.")
    var pollSeconds = 0.5

    @Option(help: "Seconds without news after which an unclosed run counts as stalled.")
    var stallSeconds = 120.0

    @Option(help: "Seed of the k-means++ behind NMI and AMI.")
    var seed: UInt64 = 0

    @Option(help: "Threads that score each epoch (default: every core with --json; all but one with the dashboard, whose interface keeps a core).")
    var threads: Int?

    func validate() throws {
        guard pollSeconds > 0, pollSeconds.isFinite else { throw ValidationError("--poll-seconds must be positive (got \(pollSeconds))") }
        guard stallSeconds > 0, stallSeconds.isFinite else { throw ValidationError("--stall-seconds must be positive (got \(stallSeconds))") }
        if let threads { try validateThreadCount(threads) }
    }

    func run() throws {
        BLAS.threads = 1  // the search's workers call BLAS themselves
        if json { try follow() } else { try openDashboard() }
    }

    /// The dashboard, compare, inspect and mining screens on the runs, fed as they grow.
    /// The screens show one test split, so they open once the first epoch is recorded;
    /// until then the startup screen says what it waits for.
    private func openDashboard() throws {
        guard InteractiveSession.hasTerminal else { throw CursesError.notATerminal }
        let follower = RunDirectoryFollower(directory: URL(fileURLWithPath: directory), pollSeconds: pollSeconds,
                                            stallSeconds: stallSeconds, seed: seed, threads: scoringThreads(interactive: true))
        follower.start()
        defer { follower.stop() }
        let (directory, pollSeconds) = (directory, pollSeconds)
        try InteractiveSession.present(title: "dmlx watch \(directory)", discovery: follower,
                                       maps: mapOptions.settings(interactive: true)) { board in
            let split = board.track("waiting for the first recorded epoch") { _ in
                while follower.testSplit == nil && !board.isCancelled { Thread.sleep(forTimeInterval: pollSeconds) }
                return follower.testSplit
            }
            guard let split else { return nil }
            let runs = follower.newRuns()
            let data = AppData(name: directory, split: "watched", testLabels: split.labels, classNames: [:],
                               rawTestFeatures: split.embeddings, imageShape: nil, rawMetrics: split.metrics, showsBaselines: false)
            let state = AppState(data: data, runs: runs.map { RunView(name: $0.name, plannedEpochs: 0) },
                                 size: AppState.Size(width: 80, height: 24))
            return (state, runs)
        }
    }

    /// `--json`: records on stdout until every run has ended.
    private func follow() throws {
        var watcher = RunWatcher(directory: URL(fileURLWithPath: directory), stallSeconds: stallSeconds)
        var anyStalled = false
        while true {
            for event in watcher.poll() {
                switch event {
                case .waitingForDirectory: note("\(directory): waiting for it to appear")
                case .newRun(let name, _): note("\(directory): following run \(name)")
                case .epoch(let run, let epoch, let batches, let seconds, let sinceStart):
                    let line = record(run: run, epoch, batches: batches, seconds: seconds, sinceStart: sinceStart).rendered
                    FileHandle.standardOutput.write(Data((line + "\n").utf8))
                case .closed(let run, let error): note("\(run): closed" + (error.map { " by an error: \($0)" } ?? ""))
                case .stalled(let run, let quiet):
                    anyStalled = true
                    note("\(run): stalled (no news for \(Int(quiet)) s, not closed)")
                case .problem(let text): note(text)
                }
            }
            if watcher.isFinished { break }
            Thread.sleep(forTimeInterval: pollSeconds)
        }
        if anyStalled { throw ExitCode(1) }
    }

    /// The `train --json` record of a recorded epoch, its metrics computed here.
    private func record(run: String, _ epoch: RecordedEpoch, batches: [RecordedRun.Batch], seconds: Double,
                        sinceStart: Double) -> JSONValue {
        let metrics = MetricSuite.evaluate(embeddings: epoch.embeddings, labels: epoch.labels, seed: seed,
                                           threads: scoringThreads(interactive: false))
        let snapshot = EpochSnapshot(run: run, recorded: epoch, batches: batches, seconds: seconds, sinceStart: sinceStart,
                                     metrics: metrics)
        return snapshot.jsonRecord()
    }

    private func scoringThreads(interactive: Bool) -> Int {
        threads ?? BackgroundThreads.count(interactive: interactive)
    }

    private func note(_ text: String) {
        FileHandle.standardError.write(Data(("dmlx watch: " + text + "\n").utf8))
    }
}
