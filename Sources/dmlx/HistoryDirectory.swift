import DMLXEngine
import Foundation

/// Where the UI's runs record their epochs (`--history DIR`): the directory given, kept
/// for `dmlx watch DIR`, or a fresh one (`dmlx-history-PID-RANDOM`) under `$TMPDIR`, else
/// /var/tmp, removed when the UI closes, so that memory holds only the epochs on screen
/// either way. /var/tmp rather than /tmp because /tmp is a RAM file system on many
/// systems (Debian's default since 13), where the history would take the memory it is
/// meant to spare. A UI killed by a signal cannot remove its own: the next one removes
/// those whose process has ended.
struct HistoryDirectory {
    private static let temporaryPrefix = "dmlx-history-"

    let url: URL
    let isTemporary: Bool

    init(option: String?) {
        if let option {
            url = URL(fileURLWithPath: option)
            isTemporary = false
        } else {
            let temporary = Self.temporaryBase
            Self.removeAbandoned(in: temporary)
            url = temporary.appendingPathComponent("\(Self.temporaryPrefix)\(getpid())-\(UInt32.random(in: .min ... .max))")
            isTemporary = true
        }
    }

    private static var temporaryBase: URL {
        if let directory = ProcessInfo.processInfo.environment["TMPDIR"], !directory.isEmpty { return URL(fileURLWithPath: directory) }
        return FileManager.default.isWritableFile(atPath: "/var/tmp") ? URL(fileURLWithPath: "/var/tmp") : FileManager.default.temporaryDirectory
    }

    /// Removes the temporary histories in `directory` of processes that no longer exist.
    private static func removeAbandoned(in directory: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] where name.hasPrefix(temporaryPrefix) {
            guard let owner = Int32(name.dropFirst(temporaryPrefix.count).prefix { $0 != "-" }),
                  kill(owner, 0) == -1, errno == ESRCH else { continue }
            removeInBackground(directory.appendingPathComponent(name))
        }
    }

    /// Removes `url` in a child process (`rm -rf`) that goes on after dmlx exits: a long
    /// run's thousands of epoch files can take seconds to delete (45 s for 3,000 digits
    /// epochs on a busy disk here), and neither the shell prompt nor the next dashboard
    /// should wait for them. Removes it here if the child cannot start.
    private static func removeInBackground(_ url: URL) {
        let remover = Process()
        remover.executableURL = URL(fileURLWithPath: "/bin/rm")
        remover.arguments = ["-rf", "--", url.path]
        do {
            try remover.run()
        } catch {
            try? FileManager.default.removeItem(at: url)
        }
    }

    /// Runs of `configurations`, trained from the same initial weights on `data`, that
    /// record their epochs here; `pace` is `TrainingRun`'s `minimumEpochSeconds`.
    /// The command's options go beside them, in `config.json`.
    func runs(of configurations: [TrainingConfiguration], data: PreparedData, pace: Double = 0, seeded: Bool = false) throws -> [TrainingRun] {
        try ConfiguredArguments.writeOptions(into: url)
        return try configurations.map { configuration in
            let trainer = try configuration.makeTrainer(data: data)
            let name = seeded ? SeedOptions.historyName(of: configuration) : nil
            return TrainingRun(trainer: trainer, minimumEpochSeconds: pace, history: try .recorded(in: url, for: trainer, name: name))
        }
    }

    /// Removes a temporary directory; says where a kept one is and how to reopen it.
    func close() {
        if isTemporary {
            Self.removeInBackground(url)
        } else {
            FileHandle.standardError.write(Data("history of the runs: \(url.path) (reopen with: dmlx watch \(url.path))\n".utf8))
        }
    }
}
