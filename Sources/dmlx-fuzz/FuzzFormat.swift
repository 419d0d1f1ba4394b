import Foundation

/// One reader under test: how many inputs it gets, input number `index`, and how an
/// input reaches the reader (written to files in a scratch directory, then read the way
/// the command line reads them). A thrown error is a clean rejection; anything else that
/// ends the process — a trap, a failed allocation — is a crash.
struct FuzzFormat {
    let name: String
    /// The real, valid inputs the mutations start from.
    let seeds: [[UInt8]]
    /// Fixed inputs (structured mutations) or nil for `--inputs` mutated ones.
    let fixedCount: Int?
    let input: (_ index: Int) -> [UInt8]
    let run: (_ input: [UInt8], _ directory: URL) throws -> Void

    /// Throws unless the reader accepts every seed: mutations of a seed it already
    /// rejects would test nothing past the first check.
    func checkSeeds() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dmlx-fuzz-seeds-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for (index, seed) in seeds.enumerated() {
            do {
                try run(seed, scratch)
            } catch {
                throw FuzzUsageError("\(name) seed \(index) is rejected (\(error)); fuzzing it would test nothing")
            }
        }
    }

    /// Two files fuzzed as one input (an IDX images/labels pair, a projector tensors and
    /// metadata pair), joined by this line; a mutation that destroys it leaves the second
    /// file empty.
    static let separator = Array("\n--dmlx-fuzz-second-file--\n".utf8)

    static func joined(_ first: [UInt8], _ second: [UInt8]) -> [UInt8] { first + separator + second }

    static func split(_ input: [UInt8]) -> (first: [UInt8], second: [UInt8]) {
        guard input.count >= separator.count,
              let start = (0...(input.count - separator.count)).first(where: { input[$0..<($0 + separator.count)].elementsEqual(separator) })
        else { return (input, []) }
        return (Array(input[..<start]), Array(input[(start + separator.count)...]))
    }

    /// Writes `bytes` to `name` in `directory` and returns its path. Plain POSIX writes:
    /// Foundation's `Data.write` syncs each file to disk, which made the disk, not the
    /// readers, the cost of a run.
    static func write(_ bytes: [UInt8], _ name: String, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent(name).path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw FuzzUsageError("cannot write \(path)") }
        defer { close(descriptor) }
        guard bytes.withUnsafeBytes({ Foundation.write(descriptor, $0.baseAddress, $0.count) }) == bytes.count else {
            throw FuzzUsageError("cannot write \(path)")
        }
        return path
    }
}
