import DMLXEngine
import Foundation
import Testing

/// `ScikitLearnStratifiedSplit` against scikit-learn 1.9's `train_test_split(..., stratify=y)`
/// (Scripts/reference/sklearn_split_fixtures.py).
@Suite struct ScikitLearnStratifiedSplitTests {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let labels: [Int]
        let testSize: Double
        let seed: UInt32
        let train: [Int]
        let test: [Int]

        var testDescription: String { name }

        enum CodingKeys: String, CodingKey {
            case name, labels, seed, train, test
            case testSize = "test_size"
        }
    }

    static let cases: [Case] = {
        let url = Bundle.module.url(forResource: "sklearn_stratified_split", withExtension: "json", subdirectory: "Fixtures/split")!
        return try! JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
    }()

    @Test(arguments: cases)
    func matchesScikitLearnIndexForIndex(_ reference: Case) {
        let split = ScikitLearnStratifiedSplit(labels: reference.labels, testFraction: reference.testSize, seed: reference.seed)
        #expect(split.train == reference.train)
        #expect(split.test == reference.test)
    }

    /// The fixtures' labels for iris, wine and digits come from `sklearn.datasets`; dmlx's
    /// built-in copies must be the same samples in the same order for the indices to carry over.
    @Test func builtinDatasetsHaveScikitLearnsLabelOrder() throws {
        let builtin = try ["iris": BuiltinDatasets.iris(), "wine": BuiltinDatasets.wine(), "digits": BuiltinDatasets.digits()]
        for (name, data) in builtin {
            #expect(Self.cases.first { $0.name == name }?.labels == data.labels, "\(name)")
        }
    }
}
