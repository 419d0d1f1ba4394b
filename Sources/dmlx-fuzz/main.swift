import Foundation

// dmlx-fuzz: seeded mutation fuzzing of dmlx's readers (npy, CSV, TSV, IDX/gzip, projector
// TSV, checkpoints) and structured mutation of every checkpoint field; see FuzzFormat,
// Mutator, CheckpointFieldMutations. Prints one line per format and exits 1 when any input
// crashed or hung.
//
//   dmlx-fuzz --fixtures DIR [--inputs 10000] [--seed 1] [--time-limit 5] [--formats npy,csv,...]
//   dmlx-fuzz --fixtures DIR --seed S --write-input FORMAT INDEX FILE   (replays one input)

func option(_ name: String, _ arguments: [String]) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}

func main() throws -> Int32 {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let fixtures = option("--fixtures", arguments) else {
        throw FuzzUsageError("usage: dmlx-fuzz --fixtures DIR [--inputs N] [--seed S] [--time-limit SECONDS] [--formats LIST]")
    }
    let seed = UInt64(option("--seed", arguments) ?? "1") ?? 1
    let fixturesURL = URL(fileURLWithPath: fixtures)
    if let name = option("--worker", arguments), let from = option("--from", arguments).flatMap(Int.init),
       let to = option("--to", arguments).flatMap(Int.init), let progress = option("--progress", arguments) {
        try FuzzWorker.run(try FuzzFormat.named(name, inputSeed: seed, fixtures: fixturesURL), range: from..<to, progressPath: progress)
    }
    if let index = arguments.firstIndex(of: "--write-input"), index + 3 < arguments.count, let input = Int(arguments[index + 2]) {
        let format = try FuzzFormat.named(arguments[index + 1], inputSeed: seed, fixtures: fixturesURL)
        try Data(format.input(input)).write(to: URL(fileURLWithPath: arguments[index + 3]))
        return 0
    }
    let inputs = Int(option("--inputs", arguments) ?? "10000") ?? 10_000
    let names = option("--formats", arguments).map { $0.split(separator: ",").map(String.init) } ?? FuzzFormat.names
    let supervisor = FuzzSupervisor(executable: URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL,
                                    arguments: ["--fixtures", fixtures, "--seed", String(seed)],
                                    timeLimit: Double(option("--time-limit", arguments) ?? "5") ?? 5)
    var failed = false
    for name in names {
        let format = try FuzzFormat.named(name, inputSeed: seed, fixtures: fixturesURL)
        try format.checkSeeds()
        let started = Date()
        let outcome = try supervisor.run(format: name, count: format.fixedCount ?? inputs)
        let seconds = Date().timeIntervalSince(started)
        print(String(format: "fuzz %@: %d inputs, %d rejected cleanly, %d accepted, %d crashes, %d hangs (slowest input %.0f ms, %.1f s)",
                     name, outcome.progress.index, outcome.progress.rejected, outcome.progress.accepted,
                     outcome.crashes.count, outcome.hangs.count, outcome.progress.slowestMilliseconds, seconds))
        for (kind, indices) in [("crash", outcome.crashes), ("hang", outcome.hangs)] where !indices.isEmpty {
            print("  \(kind) on inputs \(indices.prefix(10).map(String.init).joined(separator: ", ")); replay: dmlx-fuzz --fixtures \(fixtures) --seed \(seed) --write-input \(name) \(indices[0]) FILE")
            failed = true
        }
        fflush(nil)  // each figure appears as it is measured, even through a pipe
    }
    return failed ? 1 : 0
}

do {
    exit(try main())
} catch {
    FileHandle.standardError.write(Data("dmlx-fuzz: \(error)\n".utf8))
    exit(2)
}
