import Testing
import DMLXCore
import DMLXEngine

@Suite struct BatchSamplerTests {
    let labels = (0..<200).map { $0 % 10 }

    @Test func mPerClassBatchesHoldMSamplesOfEachChosenClass() {
        let sampler = BatchSampler(labels: labels, batchSize: 16, mPerClass: 4)
        var generator = SeededGenerator(seed: 1)
        let batches = sampler.epoch(generator: &generator)
        #expect(batches.count == 200 / 16)
        for batch in batches {
            let counts = Dictionary(grouping: batch, by: { labels[$0] }).mapValues(\.count)
            #expect(counts.count == 4)
            #expect(counts.values.allSatisfy { $0 == 4 })
            #expect(Set(batch).count == batch.count)
        }
    }

    @Test func tooFewClassesShareTheBatchEvenly() {
        let fiveClasses = (0..<100).map { $0 % 5 }
        let sampler = BatchSampler(labels: fiveClasses, batchSize: 64, mPerClass: 8)
        var generator = SeededGenerator(seed: 2)
        for batch in sampler.epoch(generator: &generator) {
            #expect(batch.count == 64)
            let counts = Dictionary(grouping: batch, by: { fiveClasses[$0] }).mapValues(\.count)
            #expect(counts.count == 5)
            #expect(counts.values.allSatisfy { $0 == 12 || $0 == 13 })
        }
    }

    @Test func smallClassesAreDrawnWithReplacement() {
        let sampler = BatchSampler(labels: [0, 0, 1, 1, 1, 1, 1, 1], batchSize: 8, mPerClass: 4)
        var generator = SeededGenerator(seed: 3)
        let batch = sampler.epoch(generator: &generator)[0]
        #expect(batch.filter { $0 < 2 }.count == 4)
    }

    @Test func shuffledSlicesVisitEverySampleOnce() {
        let sampler = BatchSampler(labels: labels, batchSize: 50, mPerClass: 0)
        var generator = SeededGenerator(seed: 4)
        let batches = sampler.epoch(generator: &generator)
        #expect(batches.count == 4)
        #expect(batches.flatMap { $0 }.sorted() == Array(0..<200))
    }

    @Test func sameSeedSameBatches() {
        let sampler = BatchSampler(labels: labels, batchSize: 16, mPerClass: 4)
        var a = SeededGenerator(seed: 5), b = SeededGenerator(seed: 5), c = SeededGenerator(seed: 6)
        #expect(sampler.epoch(generator: &a) == sampler.epoch(generator: &b))
        #expect(sampler.epoch(generator: &a) != sampler.epoch(generator: &c))
    }
}
