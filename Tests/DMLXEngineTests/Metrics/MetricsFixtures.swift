import Foundation
import DMLXCore

/// The reference values written by Scripts/reference/metrics_fixtures.py from
/// pytorch-metric-learning 2.9 and scikit-learn 1.9.
enum MetricsFixtures {
    struct RetrievalCase: Decodable {
        let name: String
        let embeddings: [[Float]]
        let labels: [Int]
        let clusters: [Int]
        let precisionAt1: Double
        let rPrecision: Double
        let mapAtR: Double
        let recallAt: [String: Double]
        let nmi: Double
        let ami: Double

        var matrix: Matrix<Float> { Matrix(embeddings) }

        enum CodingKeys: String, CodingKey {
            case name, embeddings, labels, clusters, nmi, ami
            case precisionAt1 = "precision_at_1", rPrecision = "r_precision", mapAtR = "map_at_r", recallAt = "recall_at"
        }
    }

    struct ContingencyCase: Decodable {
        let table: [[Int]]
        let nmi: Double
        let ami: Double
    }

    static let retrieval: [RetrievalCase] = load("retrieval")
    static let contingency: [ContingencyCase] = load("contingency")

    private static func load<Value: Decodable>(_ name: String) -> Value {
        let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/metrics")!
        return try! JSONDecoder().decode(Value.self, from: Data(contentsOf: url))
    }
}
