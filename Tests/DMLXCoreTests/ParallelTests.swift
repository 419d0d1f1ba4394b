import Synchronization
import Testing
import DMLXCore

@Suite struct ParallelTests {
    /// Slices cover `0..<count` once each, in order, even when the workers outnumber the
    /// rows or do not divide them (5 rows on 4 workers once made an empty range of 6..<5).
    @Test(arguments: [(5, 4), (0, 3), (1, 8), (7, 7), (1000, 3), (9, 2)])
    func slicesCoverEveryIndexOnce(count: Int, workers: Int) {
        let seen = Mutex<[Range<Int>]>([])
        Parallel.forEachSlice(of: count, workers: workers) { slice in seen.withLock { $0.append(slice) } }
        let slices = seen.withLock { $0 }.sorted { $0.lowerBound < $1.lowerBound }
        #expect(slices.flatMap { Array($0) } == Array(0..<count))
        #expect(slices.count <= max(1, workers))
    }
}
