import DMLXEngine
import Foundation

/// Where the UI's runs record their epochs (`--history DIR`): the directory given, kept
/// for `dmlx watch DIR`, or a fresh one under the system's temporary directory
/// (`dmlx-history-PID-RANDOM`), removed when the UI closes, so that memory holds only the
/// epochs on screen either way. A UI killed by a signal cannot remove its own: the next
/// one removes those whose process has ended.
struct HistoryDirectory {
    private static let temporaryPrefix = "dmlx-history-"

    let url: URL
    let isTemporary: Bool

    init(option: String?) {
        if let option {
            url = URL(fileURLWithPath: option)
            isTemporary = false
        } else {
            let temporary = FileManager.default.temporaryDirectory
            Self.removeAbandoned(in: temporary)
            url = temporary.appendingPathComponent("\(Self.temporaryPrefix)\(getpid())-\(UInt32.random(in: .min ... .max))")
            isTemporary = true
        }
    }

    /// Removes the temporary histories in `directory` of processes that no longer exist.
    private static func removeAbandoned(in directory: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] where name.hasPrefix(temporaryPrefix) {
            guard let owner = Int32(name.dropFirst(temporaryPrefix.count).prefix { $0 != "-" }),
                  kill(owner, 0) == -1, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// Runs of `configurations`, trained from the same initial weights on `data`, that
    /// record their epochs here; `pace` is `TrainingRun`'s `minimumEpochSeconds`.
    func runs(of configurations: [TrainingConfiguration], data: PreparedData, pace: Double = 0) throws -> [TrainingRun] {
        try configurations.map { configuration in
            let trainer = try configuration.makeTrainer(data: data)
            return TrainingRun(trainer: trainer, minimumEpochSeconds: pace, history: try .recorded(in: url, for: trainer))
        }
    }

    /// Removes a temporary directory; says where a kept one is and how to reopen it.
    func close() {
        if isTemporary {
            try? FileManager.default.removeItem(at: url)
        } else {
            FileHandle.standardError.write(Data("history of the runs: \(url.path) (reopen with: dmlx watch \(url.path))\n".utf8))
        }
    }
}
