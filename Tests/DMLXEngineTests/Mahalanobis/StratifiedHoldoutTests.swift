import DMLXEngine
import Testing

@Suite struct StratifiedHoldoutTests {
    @Test func holdsOutTheRoundedFractionOfEachClassDeterministically() {
        let labels = Array(repeating: 0, count: 10) + Array(repeating: 1, count: 7) + Array(repeating: 2, count: 3)
        let split = StratifiedHoldout(labels: labels, testFraction: 0.3, seed: 0)
        #expect(split.test.filter { labels[$0] == 0 }.count == 3)
        #expect(split.test.filter { labels[$0] == 1 }.count == 2)
        #expect(split.test.filter { labels[$0] == 2 }.count == 1)
        #expect(Set(split.train + split.test) == Set(labels.indices) && split.train.count + split.test.count == 20)
        #expect(split.test == split.test.sorted() && split.train == split.train.sorted())
        #expect(split == StratifiedHoldout(labels: labels, testFraction: 0.3, seed: 0))
        #expect(split != StratifiedHoldout(labels: labels, testFraction: 0.3, seed: 1))
    }
}
