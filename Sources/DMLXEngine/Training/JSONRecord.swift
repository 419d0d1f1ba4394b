import Foundation

/// A JSON value that keeps object keys in the order written, for records meant to be
/// read by people as well as by scripts (`train --json`, `eval --json`).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// Already-encoded JSON, inserted as is.
    case encoded(String)

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered == b.rendered }

    /// Compact one-line JSON. Non-finite numbers, which JSON cannot carry, become null.
    public var rendered: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .number(let value):
            guard value.isFinite else { return "null" }
            if value == value.rounded(), abs(value) < 1e15 { return String(format: "%.1f", value) }
            return String(format: "%.10g", value)
        case .string(let value): return Self.quote(value)
        case .array(let values): return "[" + values.map(\.rendered).joined(separator: ", ") + "]"
        case .encoded(let json): return json
        case .object(let fields):
            return "{" + fields.map { Self.quote($0.0) + ": " + $0.1.rendered }.joined(separator: ", ") + "}"
        }
    }

    private static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension RetrievalMetrics {
    /// The metric fields of DESIGN.md's records, in their documented order.
    public var jsonFields: [(String, JSONValue)] {
        let recall = Self.recallKs.map { (String($0), JSONValue.number(recallAt[$0] ?? .nan)) }
        return [
            ("recall_at", .object(recall)),
            ("precision_at_1", .number(precisionAt1)),
            ("r_precision", .number(rPrecision)),
            ("map_at_r", .number(mapAtR)),
            ("nmi", .number(nmi)),
            ("ami", .number(ami)),
            ("knn_accuracy", .number(knnAccuracy)),
        ]
    }
}

extension EpochSnapshot {
    /// The record `train --json` prints for this epoch: run, epoch, loss, timing, the
    /// test metrics, the validation part's under "validation" (with `--validation`), then
    /// loss/miner statistics. `raw` (the raw-features baseline) is attached to epoch 0, as
    /// are the configuration and the command's `options` (a file of options `--config`
    /// reads back).
    public func jsonRecord(raw: RetrievalMetrics? = nil, configuration: TrainingConfiguration? = nil,
                           options: JSONValue? = nil) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("run", .string(run)),
            ("epoch", .integer(epoch)),
            ("loss", loss.map(JSONValue.number) ?? .null),
            ("train_seconds", .number(trainSeconds)),
            ("cumulative_train_seconds", .number(cumulativeTrainSeconds)),
            ("learning_rate", .number(learningRate)),
        ]
        fields += metrics.jsonFields
        if let validationMetrics { fields.append(("validation", .object(validationMetrics.jsonFields))) }
        fields.append(("statistics", .object(statistics.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })))
        if let raw { fields.append(("raw_features", .object(raw.jsonFields))) }
        if let configuration { fields.append(("configuration", .encoded(configuration.json))) }
        if let options { fields.append(("options", options)) }
        return .object(fields)
    }
}

extension EpochTrainer {
    /// The record that closes a `--patience` run's stream: `{"run", "best_epoch",
    /// "stopped_at", "stop_reason" ("patience" or "epochs"), "patience", then the best epoch's
    /// test metrics and its "validation" metrics}` — the model the run kept. Nil for runs
    /// without `--patience` and before the run has stopped.
    public var earlyStoppingRecord: JSONValue? {
        guard let rule = earlyStopping, let stop = rule.stop, let best = rule.bestEpoch, history.indices.contains(best) else { return nil }
        var fields: [(String, JSONValue)] = [
            ("run", .string(configuration.runName)),
            ("best_epoch", .integer(best)),
            ("stopped_at", .integer(stop.epoch)),
            ("stop_reason", .string(stop.reason.rawValue)),
            ("patience", .integer(rule.patience)),
        ]
        fields += history[best].metrics.jsonFields
        if let validation = history[best].validationMetrics { fields.append(("validation", .object(validation.jsonFields))) }
        return .object(fields)
    }
}

extension TrainingConfiguration {
    /// The configuration as compact JSON with sorted keys, as stored with every result.
    /// A classic run's record leaves out the deep-training fields it ignores (the
    /// checkpoint keeps them).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let encoded = try? encoder.encode(self) else { return "null" }
        guard method != nil, let fields = (try? JSONSerialization.jsonObject(with: encoded)) as? [String: Any],
              let trimmed = try? JSONSerialization.data(withJSONObject: fields.filter { !Self.deepTrainingKeys.contains($0.key) },
                                                        options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return String(decoding: encoded, as: UTF8.self)
        }
        return String(decoding: trimmed, as: UTF8.self)
    }

    private static let deepTrainingKeys: Set<String> = [
        "model", "loss", "miner", "batchSize", "mPerClass", "sampler", "miningRefresh", "optimizer",
    ]
}
