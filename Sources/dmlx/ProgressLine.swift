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
    /// from the rate so far: "scoring [#######·········] 41% · about 35 s left".
    func show(_ label: String, share: Double) {
        let clamped = min(max(share, 0), 1)
        let filled = Int(clamped * 20)
        let elapsed = Date().timeIntervalSince1970 - started
        let left = clamped > 0.02 ? " · about \(Int((elapsed / clamped - elapsed).rounded())) s left" : ""
        show("\(label) [" + String(repeating: "#", count: filled) + String(repeating: "·", count: 20 - filled)
             + "] \(Int(clamped * 100))%" + left)
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
