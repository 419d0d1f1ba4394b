import DMLXEngine
import DMLXTerm

/// What can happen to the UI: input, news from the runs, notices from effects.
public enum AppMessage: Sendable {
    case key(Key)
    /// Run `index` has published these snapshots (all of them, oldest first), is in this
    /// status, and has done `steps` batches or iterations of the epoch under way.
    case run(index: Int, snapshots: [EpochSnapshot], status: TrainingRun.Status, steps: Int)
    /// A run that appeared after the UI started (a watched directory's new run), to be
    /// shown after the others.
    case runAdded(RunView)
    /// The map queue's newest frame of the job under way and the maps finished since
    /// the last poll.
    case maps(latest: MapFrame?, finished: [MapFrame])
    /// The class-scoring queue's progress of the job under way and the jobs finished since
    /// the last poll.
    case classTable(latest: ClassTableFrame?, finished: [ClassTableFrame])
    /// The long steps under way outside the runs (`ProgressBoard.tasks`), whenever one
    /// has moved on.
    case progress([TaskProgress])
    /// A line for the status bar (e.g. where a checkpoint was saved).
    case notice(String)
    /// How long the previous frame took to render.
    case frameRendered(milliseconds: Double)
}

/// What `update` asks the runtime to do; the state never touches a run itself.
public enum AppEffect: Sendable, Equatable {
    case pauseRuns
    case resumeRuns
    /// Train every run exactly one more epoch, then stay paused.
    case stepRuns
    /// Write a checkpoint of every run, between epochs.
    case saveCheckpoints
    /// Make (or score) a map on the map queue, superseding the one under way.
    case computeMap(MapJob)
    /// Score the classes of a run's epoch on the class-scoring queue, superseding the job
    /// under way.
    case computeClassTable(ClassTableJob)
    case quit
}
