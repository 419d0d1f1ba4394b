import Foundation
import Testing

/// One line of `--json` output, parsed by JSONSerialization (an independent parser: the
/// records are written by dmlx's own renderer).
struct JSONRecord: CustomStringConvertible {
    /// The metric keys of DESIGN.md §3, in every train/compare/eval record.
    static let metricKeys = ["recall_at", "precision_at_1", "r_precision", "map_at_r", "nmi", "ami"]
    static let recallKeys = ["1", "2", "4", "8"]

    let fields: [String: Any]

    init(fields: [String: Any]) {
        self.fields = fields
    }

    /// The line as a JSON object; anything else fails the test.
    init(line: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let object = try? JSONSerialization.jsonObject(with: Data(line.utf8))
        fields = try #require(object as? [String: Any], "not a JSON object: \(line)", sourceLocation: sourceLocation)
    }

    func number(_ key: String) -> Double? { (fields[key] as? NSNumber)?.doubleValue }
    func string(_ key: String) -> String? { fields[key] as? String }
    func object(_ key: String) -> JSONRecord? { (fields[key] as? [String: Any]).map(JSONRecord.init(fields:)) }
    func isNull(_ key: String) -> Bool { fields[key] is NSNull }

    var run: String? { string("run") }
    var epoch: Int? { number("epoch").map { Int($0) } }

    /// Recall@K for K = 1, 2, 4, 8, or nil where one is missing or not a number.
    var recalls: [Double]? {
        guard let recall = object("recall_at") else { return nil }
        let values = Self.recallKeys.compactMap { recall.number($0) }
        return values.count == Self.recallKeys.count ? values : nil
    }

    /// The record without its timings (keys ending in "_seconds") and the options of the
    /// command that printed it (epoch 0's "options"), with sorted keys: two runs of the
    /// same computation, whichever command ran them, must agree on it exactly.
    var withoutTimings: String { Self.canonical(fields.filter { !$0.key.hasSuffix("_seconds") && $0.key != "options" }) }

    /// Only the metric keys, canonically.
    var metrics: String { Self.canonical(fields.filter { Self.metricKeys.contains($0.key) }) }

    var description: String { Self.canonical(fields) }

    private static func canonical(_ fields: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else {
            return "\(fields)"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
