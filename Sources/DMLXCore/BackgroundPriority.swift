import Foundation

/// Background work yields to the interface. Every thread but the main one — which runs
/// the UI loop, and the whole of a headless command — lowers its own scheduling priority
/// to nice `niceness` before it computes; Linux keeps a nice value per thread. On a
/// 2-core laptop a frame is then drawn at once even while a neighbour search, a map and
/// a scoring share the cores, which equal priorities would make it wait for.
public enum BackgroundPriority {
    /// CFS weighs a nice-10 thread at a tenth of a nice-0 one.
    public static let niceness: Int32 = 10

    /// Lowers the calling thread unless it is the main thread. Once lowered a thread
    /// stays so (raising it back needs privileges), which suits pooled worker threads:
    /// they only ever do background work.
    public static func lowerCurrentThread() {
        guard !Thread.isMainThread else { return }
        // Who 0 is the calling thread on Linux, not the whole process.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
    }
}
