import Foundation

/// Runs a format's inputs in worker processes (this executable with `--worker`) and
/// watches them: a worker that dies by a signal or a non-zero exit crashed on the input
/// its progress names; one whose progress stalls for `timeLimit` seconds hangs on it and
/// is killed. Either way a new worker continues with the next input, so one run counts
/// every failure.
struct FuzzSupervisor {
    let executable: URL
    let arguments: [String]
    let timeLimit: Double
    static let startupLimit = 120.0

    struct Outcome {
        var progress = FuzzProgress(index: 0)
        var crashes: [Int] = []
        var hangs: [Int] = []
    }

    func run(format: String, count: Int) throws -> Outcome {
        var outcome = Outcome()
        let progressPath = FileManager.default.temporaryDirectory.appendingPathComponent("dmlx-fuzz-progress-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: progressPath) }
        var next = 0
        while next < count {
            try? FileManager.default.removeItem(atPath: progressPath)
            let worker = Process()
            worker.executableURL = executable
            worker.arguments = arguments + ["--worker", format, "--from", String(next), "--to", String(count), "--progress", progressPath]
            // One BLAS thread: OpenBLAS's busy-spinning helpers would only slow a tiny read.
            worker.environment = ProcessInfo.processInfo.environment.merging(["OPENBLAS_NUM_THREADS": "1"]) { $1 }
            worker.standardOutput = FileHandle.nullDevice
            worker.standardError = FileHandle.nullDevice
            try worker.run()
            let hung = watch(worker, progressPath: progressPath)
            try? FileManager.default.removeItem(at: FuzzWorker.scratch(of: worker.processIdentifier))
            guard let final = FuzzProgress.read(from: progressPath) else {
                throw FuzzUsageError("the \(format) worker ended before its first input (status \(worker.terminationStatus))")
            }
            outcome.progress.accepted += final.accepted
            outcome.progress.rejected += final.rejected
            outcome.progress.slowestMilliseconds = max(outcome.progress.slowestMilliseconds, final.slowestMilliseconds)
            if hung {
                outcome.hangs.append(final.index)
            } else if worker.terminationReason == .exit && worker.terminationStatus == 0 {
                break
            } else {
                outcome.crashes.append(final.index)
            }
            next = final.index + 1
        }
        outcome.progress.index = count
        return outcome
    }

    /// Waits for `worker` to end; kills it and returns true when its progress stalls for
    /// `timeLimit` seconds (`startupLimit` before its first input: making the seeds and
    /// the structured mutants takes a while).
    private func watch(_ worker: Process, progressPath: String) -> Bool {
        var last = FuzzProgress.read(from: progressPath)
        var lastChange = Date()
        while worker.isRunning {
            Thread.sleep(forTimeInterval: 0.02)
            let now = FuzzProgress.read(from: progressPath)
            if now != last { (last, lastChange) = (now, Date()) }
            if Date().timeIntervalSince(lastChange) > (last == nil ? Self.startupLimit : timeLimit) {
                kill(worker.processIdentifier, SIGKILL)
                worker.waitUntilExit()
                return true
            }
        }
        worker.waitUntilExit()
        return false
    }
}
