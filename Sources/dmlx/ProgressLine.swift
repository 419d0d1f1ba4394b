import DMLXEngine
import Foundation

/// A progress line on stderr for headless commands, redrawn in place (`\r`), only when
/// stderr is a terminal and not silenced, so pipes and logs stay clean. At most ten
/// redraws a second.
final class ProgressLine {
    private let isShown: Bool
    private var lastDraw = 0.0
    private var width = 0
    private let started = Date().timeIntervalSince1970

    init(quiet: Bool) {
        isShown = !quiet && isatty(STDERR_FILENO) == 1
    }

    func show(_ text: String, force: Bool = false) {
        guard isShown else { return }
        let now = Date().timeIntervalSince1970
        guard force || now - lastDraw >= 0.1 else { return }
        lastDraw = now
        write("\r" + text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0))
        width = text.count
    }

    /// `label`, a bar of `share` (0…1), the percentage and an estimate of the time left
    /// (`TaskProgress.text`, as the UI draws it).
    func show(_ label: String, share: Double) {
        show(TaskProgress(title: label, share: share, elapsed: Date().timeIntervalSince1970 - started).text())
    }

    /// Clears the line, leaving the terminal as it was.
    func finish() {
        guard isShown, width > 0 else { return }
        write("\r" + String(repeating: " ", count: width) + "\r")
        width = 0
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
