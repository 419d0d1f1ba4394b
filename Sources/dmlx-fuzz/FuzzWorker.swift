import Foundation

/// Reads inputs `range` of a format in this process, recording progress before each one.
/// Its address space is capped, so a reader that allocates what a forged size asks for
/// fails here as a crash instead of passing on a large machine.
enum FuzzWorker {
    static let addressSpaceLimit: rlim_t = 4 << 30

    static func run(_ format: FuzzFormat, range: Range<Int>, progressPath: String) throws -> Never {
        var limit = rlimit(rlim_cur: addressSpaceLimit, rlim_max: addressSpaceLimit)
        setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
        let descriptor = open(progressPath, O_WRONLY | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw FuzzUsageError("cannot write \(progressPath)") }
        let scratch = Self.scratch(of: getpid())
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        var progress = FuzzProgress(index: range.lowerBound)
        for index in range {
            progress.index = index
            progress.write(to: descriptor)
            let input = format.input(index)
            let started = DispatchTime.now().uptimeNanoseconds
            do {
                try format.run(input, scratch)
                progress.accepted += 1
            } catch {
                progress.rejected += 1
            }
            progress.slowestMilliseconds = max(progress.slowestMilliseconds, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
        }
        progress.index = range.upperBound
        progress.write(to: descriptor)
        exit(0)
    }

    /// Where the worker of process `pid` writes its inputs (the supervisor removes it, also
    /// after a crash or a hang).
    static func scratch(of pid: Int32) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("dmlx-fuzz-\(pid)")
    }
}
