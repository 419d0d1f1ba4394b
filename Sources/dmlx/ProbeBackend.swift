import Dispatch
import DMLXTerm
import Foundation

/// A terminal in memory whose keys arrive at scheduled times and whose frames are
/// timed: the benchmarks' stand-in for a user.
final class ProbeBackend: TerminalBackend {
    let size: (width: Int, height: Int)
    let capability = ColorCapability.extended256
    let glyphs = Glyphs.unicode
    private var keys: [Key]
    private var nextArrival: Double
    private let interval: Double
    private let clockStart = DispatchTime.now().uptimeNanoseconds
    private var pendingArrival: Double?
    private(set) var latencyMilliseconds: [Double] = []
    /// Seconds from the backend's creation to its first frame.
    private(set) var firstFrameSeconds: Double?

    /// `keys` arrive every `interval` seconds from `start` seconds on; nil holds them
    /// until `startKeys(after:)`.
    init(width: Int, height: Int, keys: [Key], start: Double?, interval: Double) {
        size = (width, height)
        self.keys = keys
        self.nextArrival = start ?? .infinity
        self.interval = interval
    }

    /// Seconds since the backend was made.
    var now: Double { Double(DispatchTime.now().uptimeNanoseconds - clockStart) / 1e9 }

    func startKeys(after seconds: Double) {
        nextArrival = now + seconds
    }

    func readKey(timeoutMilliseconds: Int) -> Key? {
        guard !keys.isEmpty else { return nil }
        let wait = nextArrival - now
        if wait > Double(timeoutMilliseconds) / 1000 {
            if timeoutMilliseconds > 0 { usleep(UInt32(timeoutMilliseconds) * 1000) }
            return nil
        }
        if wait > 0 { usleep(UInt32(wait * 1e6)) }
        pendingArrival = nextArrival
        nextArrival += interval
        return keys.removeFirst()
    }

    func draw(_ diff: BufferDiff) {
        let finished = now
        if firstFrameSeconds == nil { firstFrameSeconds = finished }
        if let arrival = pendingArrival {
            latencyMilliseconds.append((finished - arrival) * 1000)
            pendingArrival = nil
        }
    }
}
