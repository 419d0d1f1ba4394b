import Foundation

/// What a worker has done, kept in a small file the supervisor reads while the worker
/// runs: written before each input, so after a crash or a hang it names the input to
/// blame and the counts of those before it.
struct FuzzProgress: Equatable {
    /// The input being read (or, once finished, the end of the range).
    var index: Int
    var accepted = 0
    var rejected = 0
    /// The slowest input so far, in milliseconds.
    var slowestMilliseconds = 0.0

    private static let width = 96

    func write(to descriptor: Int32) {
        var line = Array("\(index) \(accepted) \(rejected) \(slowestMilliseconds)".utf8)
        line += Array(repeating: 0x20, count: max(0, Self.width - line.count))
        _ = line.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    static func read(from path: String) -> FuzzProgress? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let fields = String(decoding: data, as: UTF8.self).split(separator: " ")
        guard fields.count >= 4, let index = Int(fields[0]), let accepted = Int(fields[1]), let rejected = Int(fields[2]),
              let slowest = Double(fields[3]) else { return nil }
        return FuzzProgress(index: index, accepted: accepted, rejected: rejected, slowestMilliseconds: slowest)
    }
}
