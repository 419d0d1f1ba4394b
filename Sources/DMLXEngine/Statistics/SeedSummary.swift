/// One run's final results over several seeds (`--seeds`): every number of the per-seed
/// final records (loss, each recall@K, MAP@R, NMI, ..., the loss and miner statistics and
/// the timings) as a `SampleSummary`, so a difference between runs can be set against the
/// seed noise.
public struct SeedSummary: Sendable {
    /// A number of the records, by its path of keys ("recall_at", "1"); nil where some seed
    /// has no finite value (a run without a loss, a metric a tiny split cannot define).
    public struct Metric: Sendable {
        public let path: [String]
        public let summary: SampleSummary?
    }

    public let run: String
    public let seeds: [UInt64]
    /// The final epoch, when every seed ended on the same one.
    public let epoch: Int?
    public let metrics: [Metric]

    /// Fields identifying a record rather than measuring it.
    private static let identifiers: Set<String> = ["run", "seed", "epoch"]

    /// The summary of `finals`, the final epoch records (`EpochSnapshot.jsonRecord`) of the
    /// run `run`, one per seed in the order of `seeds`. A number is summarised when the
    /// first record has it; nested objects (recall_at, statistics) are walked.
    public init(run: String, seeds: [UInt64], finals: [JSONValue]) {
        precondition(!finals.isEmpty && finals.count == seeds.count, "one final record per seed")
        self.run = run
        self.seeds = seeds
        let epochs = finals.map { record -> Int? in
            if case .integer(let epoch)? = Self.field("epoch", of: record) { return epoch }
            return nil
        }
        epoch = Set(epochs).count == 1 ? epochs[0] : nil
        metrics = Self.metrics(of: finals, under: [], skipping: Self.identifiers)
    }

    private static func metrics(of records: [JSONValue], under path: [String], skipping: Set<String>) -> [Metric] {
        guard case .object(let fields) = records[0] else { return [] }
        return fields.flatMap { key, value -> [Metric] in
            guard !skipping.contains(key) else { return [] }
            let values = records.map { field(key, of: $0) }
            switch value {
            case .object:
                return metrics(of: values.map { $0 ?? .object([]) }, under: path + [key], skipping: [])
            case .number, .integer, .null:
                let numbers = values.compactMap { $0.flatMap(number) }.filter(\.isFinite)
                return [Metric(path: path + [key], summary: numbers.count == records.count ? SampleSummary(numbers) : nil)]
            default:
                return []
            }
        }
    }

    private static func field(_ key: String, of record: JSONValue) -> JSONValue? {
        guard case .object(let fields) = record else { return nil }
        return fields.first { $0.0 == key }?.1
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .number(let number): return number
        case .integer(let integer): return Double(integer)
        default: return nil
        }
    }

    /// The summary record: {"summary": true, "run", "seeds", "epoch", then each number of the
    /// final records as {"mean", "std", "ci95": [lo, hi]} under its own key (recall_at's K
    /// entries inside "recall_at"); with one seed std and ci95 are null and "note" says why.
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [("summary", .bool(true)), ("run", .string(run)),
                                             ("seeds", .array(seeds.map { .encoded(String($0)) }))]
        if let epoch { fields.append(("epoch", .integer(epoch))) }
        if seeds.count == 1 { fields.append(("note", .string("one seed: no standard deviation or confidence interval"))) }
        return .object(fields + Self.nested(metrics, depth: 0))
    }

    private static func nested(_ metrics: [Metric], depth: Int) -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = []
        for metric in metrics {
            let key = metric.path[depth]
            guard !fields.contains(where: { $0.0 == key }) else { continue }
            if metric.path.count == depth + 1 {
                fields.append((key, metric.summary?.json ?? .null))
            } else {
                fields.append((key, .object(nested(metrics.filter { $0.path.count > depth + 1 && $0.path[depth] == key }, depth: depth + 1))))
            }
        }
        return fields
    }
}
