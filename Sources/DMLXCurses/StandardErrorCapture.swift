import Glibc
import Synchronization

/// Holds back what the program writes to standard error while curses owns the terminal,
/// and replays it once the terminal is restored.
///
/// Text written to the terminal behind curses' back lands in the middle of the UI and is
/// lost with the alternate screen, including the message of a Swift runtime trap
/// ("Fatal error: Index out of range") that precedes a crash. While capturing, file
/// descriptor 2 points at an unlinked temporary file; `release` points it back at the
/// terminal and copies the file there. `release` uses only async-signal-safe calls, so
/// the signal handlers can call it after `EmergencyRestore.perform`. Standard error that
/// is not a terminal (`2>log`) is left alone.
enum StandardErrorCapture {
    private static let capturing = Atomic<Bool>(false)
    nonisolated(unsafe) private static var savedDescriptor: Int32 = -1
    nonisolated(unsafe) private static var fileDescriptor: Int32 = -1
    private static let copyBufferSize = 4096
    nonisolated(unsafe) private static let copyBuffer = UnsafeMutableRawPointer.allocate(byteCount: copyBufferSize, alignment: 16)

    /// Starts capturing, if standard error is a terminal.
    static func begin() {
        guard isatty(STDERR_FILENO) == 1, !capturing.load(ordering: .acquiring) else { return }
        // $TMPDIR as the rest of dmlx honours it; mkstemp fills in the X's.
        let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/dmlx-stderr-XXXXXX").utf8CString)
        let file = mkstemp(&template)
        guard file >= 0 else { return }
        unlink(template)
        let saved = dup(STDERR_FILENO)
        guard saved >= 0, dup2(file, STDERR_FILENO) >= 0 else {
            close(file)
            if saved >= 0 { close(saved) }
            return
        }
        savedDescriptor = saved
        fileDescriptor = file
        capturing.store(true, ordering: .releasing)
    }

    /// Points standard error back at the terminal and writes out what was captured.
    /// Idempotent; async-signal-safe.
    static func release() {
        guard capturing.exchange(false, ordering: .acquiringAndReleasing) else { return }
        dup2(savedDescriptor, STDERR_FILENO)
        close(savedDescriptor)
        lseek(fileDescriptor, 0, SEEK_SET)
        while true {
            let count = read(fileDescriptor, copyBuffer, copyBufferSize)
            guard count > 0 else { break }
            var written = 0
            while written < count {
                let result = write(STDERR_FILENO, copyBuffer + written, count - written)
                if result <= 0 { break }
                written += result
            }
            if written < count { break }
        }
        close(fileDescriptor)
    }
}
