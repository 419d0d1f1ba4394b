import Foundation

/// The reference draws written by Scripts/reference/sklearn_split_fixtures.py from NumPy's
/// legacy `RandomState(seed)`. Every operation case also holds the raw outputs that follow it
/// (`after`), which pins how many draws the operation used.
struct NumPyLegacyRandomFixtures: Decodable, Sendable {
    struct Raw: Decodable, Sendable {
        let seed: UInt32
        let values: [UInt32]
    }

    struct Operation<Value: Decodable & Sendable>: Decodable, Sendable {
        let seed: UInt32
        let low: Int?
        let high: Int?
        let n: Int?
        let array: [Int]?
        let size: Int?
        let values: Value
        let after: [UInt32]
    }

    let raw: [Raw]
    let randomSample: [Operation<[Double]>]
    let randint: [Operation<[Int]>]
    let permutation: [Operation<[Int]>]
    let permutationOf: [Operation<[Int]>]
    let shuffle: [Operation<[Int]>]
    let choice: [Operation<[Int]>]

    enum CodingKeys: String, CodingKey {
        case raw, randint, permutation, shuffle, choice
        case randomSample = "random_sample", permutationOf = "permutation_of"
    }

    static let shared: NumPyLegacyRandomFixtures = {
        let url = Bundle.module.url(forResource: "numpy_legacy_random", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(NumPyLegacyRandomFixtures.self, from: Data(contentsOf: url))
    }()
}
