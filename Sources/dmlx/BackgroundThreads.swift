import Foundation

/// How many threads background work (a map, scoring a watched epoch) takes by default:
/// every core for a headless command, all but one beside the interface, which keeps a
/// core to answer keys at once (on 2 cores a 100,000-point view's key-to-frame 95th
/// percentile went from 133 ms to 58 ms when the map left it one).
enum BackgroundThreads {
    static func count(interactive: Bool) -> Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return interactive ? max(1, cores - 1) : cores
    }
}
