import ArgumentParser
import DMLXEngine
import Foundation

/// `--seeds`, of `train` and `compare`: the same runs once per seed, then one summary
/// record per run (`SeedSummary`: mean, sample standard deviation and Student-t 95 %
/// interval of every final metric), so a difference between losses can be set against
/// the seed noise.
struct SeedOptions: ParsableArguments {
    static let counts = 1...1000

    @Option(help: ArgumentHelp("""
        Train once per seed and end with one summary record per run (mean, sample std and 95 % \
        Student-t interval of every final metric): N for seeds 0..<N (N in \(counts.lowerBound)...\(counts.upperBound)), \
        or a comma list of distinct seeds, e.g. 0,3,7. Overrides --seed; each seed's records equal a --seed run's \
        and carry "seed"; --history names each seed's run NAME-seedS. Not with --resume or --save.
        """, valueName: "N|LIST"))
    var seeds: String?

    func validate() throws {
        _ = try list()
    }

    /// The seeds asked for, in order; nil without `--seeds`.
    func list() throws -> [UInt64]? {
        guard let seeds else { return nil }
        let text = seeds.trimmingCharacters(in: .whitespaces)
        if !text.contains(",") {
            guard let count = Int(text), Self.counts.contains(count) else {
                throw ValidationError("--seeds expects a count N in \(Self.counts.lowerBound)...\(Self.counts.upperBound) or a comma list of distinct non-negative seeds, e.g. 0,3,7 (got \"\(seeds)\")")
            }
            return (0..<UInt64(count)).map { $0 }
        }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.map { UInt64($0) }
        guard values.allSatisfy({ $0 != nil }), Set(values).count == values.count, values.count <= Self.counts.upperBound else {
            throw ValidationError("--seeds expects distinct non-negative whole seeds separated by commas, at most \(Self.counts.upperBound), e.g. 0,3,7 (got \"\(seeds)\")")
        }
        return values.map { $0! }
    }

    /// How many seeds train at once: as many as `cores` allow when each seed takes
    /// `coresPerSeed` (its runs, each with its BLAS threads), at least one.
    static func seedsAtOnce(seeds: Int, coresPerSeed: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> Int {
        max(1, min(seeds, cores / max(1, coresPerSeed)))
    }

    /// The name a seed's run records its history under (`--history`): NAME-seedS, one
    /// directory per run beside the others, as `RunDirectory` lists only direct subdirectories.
    static func historyName(of configuration: TrainingConfiguration) -> String {
        "\(configuration.runName)-seed\(configuration.seed)"
    }
}
