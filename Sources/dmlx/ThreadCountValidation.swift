import ArgumentParser
import DMLXEngine

/// The one range of every thread-count option (`TrainingConfiguration.Limits.threads`),
/// checked while arguments are parsed so a count such as 2⁶² is a usage error, not a
/// failed allocation of workers.
func validateThreadCount(_ threads: Int, option: String = "--threads") throws {
    let range = TrainingConfiguration.Limits.threads
    guard range.contains(threads) else {
        throw ValidationError("\(option) must be in \(range.lowerBound)...\(range.upperBound) (got \(threads))")
    }
}
