import Foundation

/// One case of Fixtures/eval/expected.json, written by Scripts/reference/cli_fixtures.py:
/// NumPy-saved embeddings, labels and a clustering, with the values pytorch-metric-learning
/// 2.9 (retrieval metrics, losses) and scikit-learn (NMI, AMI) compute on them.
struct EvalReference: Decodable, Sendable {
    struct Files: Decodable, Sendable {
        var embeddings: String
        var labels: String
        var clusters: String
    }

    var files: Files
    var n: Int
    var dim: Int
    var precisionAt1: Double
    var rPrecision: Double
    var mapAtR: Double
    var recallAt: [String: Double]
    var nmi: Double
    var ami: Double
    /// Keyed "triplet_margin_0.2", "contrastive", "multi_similarity".
    var loss: [String: Double]

    enum CodingKeys: String, CodingKey {
        case files, n, dim, nmi, ami, loss
        case precisionAt1 = "precision_at_1"
        case rPrecision = "r_precision"
        case mapAtR = "map_at_r"
        case recallAt = "recall_at"
    }

    static let directory = Dmlx.fixtures("eval")

    /// The case named `name` ("clustered-f32": 500 × 16 float32, 7 classes; "lone-f64":
    /// 240 × 8 float64 with a single-sample class).
    static func load(_ name: String) throws -> EvalReference {
        struct File: Decodable { var cases: [String: EvalReference] }
        let data = try Data(contentsOf: directory.appendingPathComponent("expected.json"))
        guard let reference = try JSONDecoder().decode(File.self, from: data).cases[name] else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "no case \(name) in expected.json"])
        }
        return reference
    }
}
