import Testing
import DMLXTerm

@Suite struct NiceTicksTests {
    @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        let loss = NiceTicks(lower: 0.31, upper: 1.52, maxCount: 5)
        #expect(loss.step == 0.5 && loss.lower == 0.31 && loss.upper == 1.52)
        #expect(loss.values.map { loss.label($0) } == ["0.5", "1.0", "1.5"])
        let epochs = NiceTicks(lower: 0, upper: 30, maxCount: 8)
        #expect(epochs.values == [0, 5, 10, 15, 20, 25, 30])
        let symmetric = NiceTicks(lower: -1, upper: 1, maxCount: 5)
        #expect(symmetric.values.map { symmetric.label($0) } == ["-1.0", "-0.5", "0.0", "0.5", "1.0"])
    }

    @Test func tooFewTicksWidenTheRange() {
        // Step 0.5 has one multiple inside 0.15 ... 0.85: widen to 0 ... 1.
        let ticks = NiceTicks(lower: 0.15, upper: 0.85, maxCount: 3)
        #expect(ticks.step == 0.5 && ticks.lower == 0 && ticks.upper == 1)
        #expect(ticks.values == [0, 0.5, 1])
    }

    @Test func degenerateRanges() {
        let constant = NiceTicks(lower: 3, upper: 3, maxCount: 5)
        #expect(constant.values.map { constant.label($0) } == ["2.8", "3.0", "3.2"])
        let zero = NiceTicks(lower: 0, upper: 0, maxCount: 5)
        #expect(zero.values == [-1, -0.5, 0, 0.5, 1])
        let infinite = NiceTicks(lower: -.infinity, upper: .nan, maxCount: 5)
        #expect(infinite.lower == 0 && infinite.upper == 1)
        let huge = NiceTicks(lower: 0, upper: 5e6, maxCount: 5)
        #expect(huge.values.map { huge.label($0) } == ["0", "2e6", "4e6"])
    }
}
