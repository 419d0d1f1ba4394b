import DMLXCore
import DMLXEngine
import Foundation
import Testing

/// `--validation`: the hold-out of part of the training split, checked against naive counts
/// on data whose single feature is the sample's index, so every row can be traced.
@Suite struct DataSplitValidationTests {
    /// 8 classes of 3 to 10 samples (class c has 3 + c), interleaved.
    private static let traced: LoadedData = {
        let labels = (0..<8).flatMap { label in Array(repeating: label, count: 3 + label) }.enumerated()
            .sorted { ($0.offset * 7919) % 59 < ($1.offset * 7919) % 59 }.map(\.element)
        return LoadedData(train: Dataset(name: "traced", features: Matrix(rows: labels.count, cols: 1, storage: labels.indices.map(Float.init)),
                                         labels: labels))
    }()

    private func indices(_ data: Dataset?) -> [Int] { data?.features.storage.map { Int($0) } ?? [] }

    @Test func zeroShotHoldsOutWholeClassesDisjointFromTrainingAndTest() throws {
        let split = try DataSplit.make(Self.traced, protocol: .zeroShot, seed: 3)
        try #require(split.train.classes == [0, 1, 2, 3])
        let held = try split.holdingOutValidation(0.5, protocol: .zeroShot, seed: 3, source: "traced")
        let validation = try #require(held.validation)
        #expect(validation.classes.count == 2, "round(0.5 · 4) classes")
        #expect(Set(validation.classes).isDisjoint(with: held.train.classes))
        #expect(Set(validation.classes).isDisjoint(with: held.test.classes))
        #expect(Set(validation.classes).union(held.train.classes) == Set(split.train.classes))
        // Whole classes: every sample of a validation class, none left in training.
        for label in validation.classes {
            #expect(validation.labels.count { $0 == label } == split.train.labels.count { $0 == label })
        }
        let train = indices(held.train), heldOut = indices(validation)
        #expect((train + heldOut).sorted() == indices(split.train).sorted())
        #expect(train == train.sorted() && heldOut == heldOut.sorted(), "source order kept")
        #expect(zip(heldOut, validation.labels).allSatisfy { Self.traced.train.labels[$0] == $1 })
    }

    /// Each class gives round(F · n) samples (halves away from zero), at most n − 1.
    @Test(arguments: [0.2, 0.25, 0.5, 0.9])
    func stratifiedHoldsOutTheFractionOfEachClass(fraction: Double) throws {
        let split = DataSplit(train: Self.traced.train, test: Self.traced.train.subset([0]))
        let held = try split.holdingOutValidation(fraction, protocol: .stratified, seed: 5, source: "traced")
        let validation = try #require(held.validation)
        for label in split.train.classes {
            let n = split.train.labels.count { $0 == label }
            var expected = Int(fraction * Double(n))
            if fraction * Double(n) - Double(expected) >= 0.5 { expected += 1 }
            expected = min(expected, n - 1)
            #expect(validation.labels.count { $0 == label } == expected, "class \(label) of \(n) samples at \(fraction)")
            #expect(held.train.labels.count { $0 == label } == n - expected)
        }
        let train = indices(held.train), heldOut = indices(validation)
        #expect(Set(train).isDisjoint(with: heldOut))
        #expect((train + heldOut).sorted() == indices(split.train).sorted())
    }

    @Test func theHoldOutIsDeterministicPerSeedVariesAcrossSeedsAndLeavesTheTestSplitAlone() throws {
        let digits = LoadedData(train: try BuiltinDatasets.digits())
        for protocolKind in SplitProtocol.allCases {
            let split = try DataSplit.make(digits, protocol: protocolKind, seed: 1)
            let first = try split.holdingOutValidation(0.4, protocol: protocolKind, seed: 1, source: "digits")
            let again = try split.holdingOutValidation(0.4, protocol: protocolKind, seed: 1, source: "digits")
            #expect(first.validation?.features == again.validation?.features && first.validation?.labels == again.validation?.labels)
            #expect(first.test.features == split.test.features && first.test.labels == split.test.labels)
            // Zero-shot picks 2 of 5 classes: some seeds may agree, but not ten of them.
            let heldOut = try Set((0..<10).map { seed in
                try split.holdingOutValidation(0.4, protocol: protocolKind, seed: UInt64(seed), source: "digits").validation?.features.storage ?? []
            })
            #expect(heldOut.count > 1, "\(protocolKind): every seed holds out the same samples")
        }
    }

    /// With and without `--validation`, the prepared test split (standardised) and the raw
    /// baseline are identical bit for bit: test numbers stay comparable.
    @Test(arguments: [(SplitProtocol.stratified, 0.25), (.zeroShot, 0.4)])
    func preparedTestDataIsTheSameWithAndWithoutValidation(protocolKind: SplitProtocol, fraction: Double) throws {
        let plain = TrainingConfiguration(data: "digits", split: protocolKind, loss: LossConfiguration(name: "proxy-nca"))
        var validated = plain
        validated.validation = fraction
        let without = try PreparedData(plain), with = try PreparedData(validated)
        #expect(with.split.test.features == without.split.test.features && with.split.test.labels == without.split.test.labels)
        #expect(with.rawMetrics == without.rawMetrics)
        #expect(with.standardizer == without.standardizer)
        #expect(with.split.train.count + (with.split.validation?.count ?? 0) == without.split.train.count)
        #expect(without.split.validation == nil && without.validationMetrics({ $0 }, configuration: plain) == nil)
        let scored = try #require(with.validationMetrics({ $0 }, configuration: validated))
        #expect(scored.mapAtR > 0 && scored.mapAtR <= 1)
    }

    @Test func tooFewClassesForAZeroShotHoldOutIsAnErrorNamingTheOption() throws {
        let iris = try DataSplit.make(LoadedData(train: try BuiltinDatasets.iris()), protocol: .zeroShot, seed: 0)
        let digits = try DataSplit.make(LoadedData(train: try BuiltinDatasets.digits()), protocol: .zeroShot, seed: 0)
        for (split, fraction, advice) in [(iris, 0.5, "use --split stratified"), (digits, 0.2, "hold out 2 to 3"), (digits, 0.9, "hold out 2 to 3")] {
            #expect {
                _ = try split.holdingOutValidation(fraction, protocol: .zeroShot, seed: 0, source: "data")
            } throws: { error in
                let message = String(describing: error)
                return message.hasPrefix("--validation \(fraction)") && message.contains("data") && message.contains(advice)
            }
        }
    }

    @Test func aValidationPartWithoutTwoScorableClassesIsAnError() throws {
        // Two samples per class: a fraction of 0.2 rounds to none of each.
        let tiny = LoadedData(train: Dataset(name: "tiny", features: Matrix(rows: 8, cols: 1, storage: (0..<8).map(Float.init)),
                                             labels: [0, 0, 1, 1, 2, 2, 3, 3]))
        let split = DataSplit(train: tiny.train, test: tiny.train)
        #expect {
            _ = try split.holdingOutValidation(0.2, protocol: .stratified, seed: 0, source: "tiny")
        } throws: { error in
            String(describing: error).hasPrefix("--validation 0.2 of tiny's stratified training split")
        }
    }
}
