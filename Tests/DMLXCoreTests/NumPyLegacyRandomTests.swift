import DMLXCore
import Testing

/// `NumPyLegacyRandom` against NumPy's own `RandomState` (NumPyLegacyRandomFixtures).
@Suite struct NumPyLegacyRandomTests {
    typealias Fixtures = NumPyLegacyRandomFixtures

    /// Runs `operation` on a generator seeded like the case, expects its result, then expects
    /// the raw outputs NumPy produced next, so that an operation using one draw too many or too
    /// few fails even when its result happens to agree.
    func check<Value: Equatable>(_ reference: Fixtures.Operation<Value>,
                                 _ operation: (inout NumPyLegacyRandom) -> Value) {
        var random = NumPyLegacyRandom(seed: reference.seed)
        #expect(operation(&random) == reference.values, "seed \(reference.seed)")
        #expect(reference.after.map { _ in random.nextUInt32() } == reference.after, "seed \(reference.seed)")
    }

    @Test func rawOutputsMatchMT19937SeededByInitGenrand() {
        for reference in Fixtures.shared.raw {
            var random = NumPyLegacyRandom(seed: reference.seed)
            #expect(reference.values.map { _ in random.nextUInt32() } == reference.values, "seed \(reference.seed)")
        }
    }

    @Test func randomSampleMatches() {
        for reference in Fixtures.shared.randomSample {
            check(reference) { random in reference.values.map { _ in random.randomSample() } }
        }
    }

    @Test func randintMatchesIncludingRangesWiderThan32Bits() {
        for reference in Fixtures.shared.randint {
            let range = reference.low!..<reference.high!
            check(reference) { random in reference.values.map { _ in random.randomInteger(in: range) } }
        }
    }

    @Test func permutationOfACountMatches() {
        for reference in Fixtures.shared.permutation {
            check(reference) { $0.permutation(reference.n!) }
        }
    }

    @Test func permutationOfAnArrayMatches() {
        for reference in Fixtures.shared.permutationOf {
            check(reference) { $0.permutation(of: reference.array!) }
        }
    }

    @Test func shuffleMatches() {
        for reference in Fixtures.shared.shuffle {
            check(reference) { random in
                var values = reference.array!
                random.shuffle(&values)
                return values
            }
        }
    }

    @Test func choiceWithoutReplacementMatchesAndShufflesTheWholePopulation() {
        for reference in Fixtures.shared.choice {
            check(reference) { $0.choiceWithoutReplacement(from: reference.array!, count: reference.size!) }
        }
    }

    @Test func intervalStaysWithinItsBoundAndZeroDrawsNothing() {
        var random = NumPyLegacyRandom(seed: 3), twin = random
        #expect(random.interval(0) == 0 && random == twin)
        for bound in [1, 2, 5, 255, 256, 1 << 32, UInt64.max] as [UInt64] {
            #expect((0..<200).allSatisfy { _ in random.interval(bound) <= bound })
        }
        twin = random
        #expect(random.nextUInt32() == twin.nextUInt32())
    }
}
