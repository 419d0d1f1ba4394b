import Testing
import DMLXCore

@Suite struct NearestNeighborsTests {
    /// A brute-force reference: sort every candidate by (squared distance, index).
    func naive(_ q: Matrix<Float>, _ r: Matrix<Float>, k: Int, excludeSelf: Bool) -> [[Int32]] {
        (0..<q.rows).map { i in
            let candidates = (0..<r.rows).filter { !excludeSelf || $0 != i }.map { j -> (Double, Int) in
                let d = zip(q.row(i), r.row(j)).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
                return (d, j)
            }
            return candidates.sorted { $0 < $1 }.prefix(k).map { Int32($0.1) }
        }
    }

    func random(_ rows: Int, _ cols: Int, seed: UInt64) -> Matrix<Float> {
        var g = SeededGenerator(seed: seed)
        return Matrix(rows: rows, cols: cols, storage: (0..<rows * cols).map { _ in Float(g.nextGaussian()) })
    }

    @Test(arguments: [(1, 1), (5, 2), (8, 4)])
    func matchesBruteForceAcrossBlocksAndThreads(k: Int, threads: Int) {
        // 1100 queries span three query blocks; 4200 references span two tiles.
        let q = random(1100, 3, seed: 1)
        let r = random(4200, 3, seed: 2)
        let result = NearestNeighbors.search(queries: q, references: r, k: k, excludeSelf: false, threads: threads)
        let expected = naive(q, r, k: k, excludeSelf: false)
        for i in [0, 1, 511, 512, 1099] {
            #expect(Array(result.neighbors(of: i)) == expected[i])
        }
    }

    @Test func symmetricSearchMatchesBruteForceAndIgnoresThreadCount() {
        // 1300 points make three blocks: diagonal blocks, an odd round-robin (one block
        // sits out each round) and a short last block.
        let points = random(1300, 5, seed: 3)
        let one = NearestNeighbors.search(queries: points, references: points, k: 7, excludeSelf: true, threads: 1)
        let two = NearestNeighbors.search(queries: points, references: points, k: 7, excludeSelf: true, threads: 2)
        #expect(one == two)
        let expected = naive(points, points, k: 7, excludeSelf: true)
        for i in [0, 3, 511, 512, 1023, 1024, 1299] {
            #expect(Array(one.neighbors(of: i)) == expected[i])
        }
    }

    @Test func roundRobinCoversEveryBlockPairOnceWithoutSharingABlockInARound() {
        for blockCount in [1, 2, 5, 6] {
            let rounds = NearestNeighbors.roundRobinRounds(blockCount)
            let pairs = rounds.flatMap { $0 }.map { [$0.0, $0.1] }
            #expect(Set(pairs) == Set((0..<blockCount).flatMap { i in (i..<blockCount).map { [i, $0] } }))
            #expect(pairs.count == blockCount * (blockCount + 1) / 2)
            for round in rounds {
                let blocks = round.flatMap { Set([$0.0, $0.1]) }
                #expect(Set(blocks).count == blocks.count)
            }
        }
    }

    @Test func excludesSelfByIndexAndReportsEuclideanDistances() {
        let points = Matrix<Float>([[0, 0], [3, 4], [0, 1], [10, 10]])
        let result = NearestNeighbors.search(queries: points, references: points, k: 2, excludeSelf: true)
        #expect(Array(result.neighbors(of: 0)) == [2, 1])
        #expect(Array(result.distances(of: 0)) == [1, 5])
        #expect(Array(result.neighbors(of: 3)) == [1, 2])
    }

    @Test func tiesGoToTheSmallerIndex() {
        let points = Matrix<Float>([[0], [1], [-1], [1], [-1]])
        let result = NearestNeighbors.search(queries: points, references: points, k: 4, excludeSelf: true)
        #expect(Array(result.neighbors(of: 0)) == [1, 2, 3, 4])
    }

    @Test(arguments: [true, false])
    func manyExactTiesGoToTheSmallerIndexPastBufferCompaction(excludeSelf: Bool) {
        // x = i mod 3 for 600 points: every query has about 200 candidates at each of
        // three exactly representable distances; k = 250 overflows the candidate buffer
        // several times and must keep the smallest indices among equal distances.
        let points = Matrix<Float>(rows: 600, cols: 1, storage: (0..<600).map { Float($0 % 3) })
        let result = NearestNeighbors.search(queries: points, references: points, k: 250, excludeSelf: excludeSelf, threads: 2)
        let expected = naive(points, points, k: 250, excludeSelf: excludeSelf)
        for i in [0, 1, 2, 299, 513, 599] {
            #expect(Array(result.neighbors(of: i)) == expected[i])
        }
    }

    @Test func clampsKAndHandlesEmptyInput() {
        let points = Matrix<Float>([[0], [1]])
        #expect(NearestNeighbors.search(queries: points, references: points, k: 9, excludeSelf: true).k == 1)
        let empty = Matrix<Float>(rows: 0, cols: 3)
        #expect(NearestNeighbors.search(queries: empty, references: empty, k: 3, excludeSelf: true).count == 0)
    }
    /// Near-duplicates of long vectors: the GEMM form's Float rounding (relative to the
    /// norms, about 10⁻³ here) swamps distances of 10⁻³. Lists searched a margin wider and
    /// refined hold the exact k nearest with the distances of the differences.
    @Test(arguments: [1, 3])
    func exactDistancesRepairNearDuplicatesOfLongVectors(threads: Int) {
        var g = SeededGenerator(seed: 9)
        var points = Matrix<Float>(rows: 60, cols: 16)
        for r in 0..<60 {
            for c in 0..<16 { points[r, c] = 100 + Float(r / 6) + 1e-3 * Float(g.nextGaussian()) }
        }
        let k = 3
        let expected = naive(points, points, k: k, excludeSelf: true)
        let plain = NearestNeighbors.search(queries: points, references: points, k: k, excludeSelf: true)
        let wide = NearestNeighbors.search(queries: points, references: points, k: k + NeighborLists.searchMargin(for: k),
                                           excludeSelf: true)
        let refined = wide.withExactDistances(queries: points, references: points, keeping: k, threads: threads)
        #expect(refined.k == k)
        for i in 0..<60 {
            #expect(Array(refined.neighbors(of: i)) == expected[i], "point \(i)")
            for (j, distance) in zip(refined.neighbors(of: i), refined.distances(of: i)) {
                let exact = zip(points.row(i), points.row(Int(j))).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
                #expect(abs(Double(distance) - exact.squareRoot()) <= 1e-6 * exact.squareRoot())
            }
        }
        let misranked = (0..<60).filter { Array(plain.neighbors(of: $0)) != expected[$0] }.count
        #expect(misranked > 10, "the plain search ranked all but \(misranked) of 60 right: the test would not tell")
    }
    /// Block by block, the lists are the symmetric search's rows to the last bit (same
    /// tiles), whatever the thread count; grid data ties many distances.
    @Test(arguments: [1, 3])
    func queryBlocksGiveTheSymmetricSearchesRows(threads: Int) {
        var g = SeededGenerator(seed: 4)
        let points = Matrix<Float>(rows: 1300, cols: 5, storage: (0..<6500).map { _ in Float(Int(g.nextUnit() * 4)) })
        let whole = NearestNeighbors.search(queries: points, references: points, k: 40, excludeSelf: true)
        var seen = 0
        NearestNeighbors.forEachQueryBlock(of: points, k: 40, threads: threads) { queries, lists in
            #expect(queries.lowerBound == seen && lists.count == queries.count && lists.k == 40)
            for local in 0..<lists.count {
                #expect(Array(lists.neighbors(of: local)) == Array(whole.neighbors(of: queries.lowerBound + local)))
                #expect(Array(lists.distances(of: local)) == Array(whole.distances(of: queries.lowerBound + local)))
            }
            seen = queries.upperBound
        }
        #expect(seen == 1300)
    }
}
