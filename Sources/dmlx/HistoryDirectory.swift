import Foundation

/// Where the UI's runs record their epochs (`--history DIR`): the directory given, kept
/// for `dmlx watch DIR`, or a fresh one under the system's temporary directory, removed
/// when the UI closes, so that memory holds only the epochs on screen either way.
struct HistoryDirectory {
    let url: URL
    let isTemporary: Bool

    init(option: String?) {
        if let option {
            url = URL(fileURLWithPath: option)
            isTemporary = false
        } else {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("dmlx-history-\(getpid())-\(UInt32.random(in: .min ... .max))")
            isTemporary = true
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
