import Dispatch

/// Data-parallel loops over shared buffers, the one place dmlx hands non-Sendable
/// captures (raw buffer pointers) to several threads.
public enum Parallel {
    /// Runs `body(worker)` for `worker` in `0..<workers`, concurrently when there are
    /// several, and returns when all have finished (so `body` may capture buffers that
    /// outlive only this call).
    ///
    /// The caller guarantees what the compiler cannot check: workers write disjoint
    /// memory, and nothing they read is written during the call. One worker runs on the
    /// calling thread with no dispatch at all.
    public static func run(workers: Int, _ body: (Int) -> Void) {
        guard workers > 1 else {
            if workers == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let work = unsafeBitCast(body, to: (@Sendable (Int) -> Void).self)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                BackgroundPriority.lowerCurrentThread()
                work(worker)
            }
        }
    }

    /// Runs `body` on up to `workers` contiguous slices of `0..<count`, concurrently: the
    /// slices depend only on `count` and `workers`, so whatever a slice computes is the
    /// same run after run. Same contract as `run`.
    public static func forEachSlice(of count: Int, workers: Int, _ body: (Range<Int>) -> Void) {
        let workers = max(1, min(workers, count))
        let size = (count + workers - 1) / workers
        run(workers: workers) { worker in body(min(count, worker * size)..<min(count, (worker + 1) * size)) }
    }
}
