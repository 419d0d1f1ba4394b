import DMLXApp
import DMLXCore
import Testing

@Suite struct PointNeighborsTests {
    @Test func matchesTheBlockedSearchAndBreaksTiesByIndex() {
        var generator = SeededGenerator(seed: 4)
        let points = Matrix<Float>(rows: 300, cols: 5, storage: (0..<1500).map { _ in Float(generator.nextGaussian()) })
        let lists = NearestNeighbors.search(queries: points, references: points, k: 7, excludeSelf: true)
        for query in [0, 17, 299] {
            #expect(PointNeighbors.of(query, in: points, k: 7).map { Int32($0.index) } == Array(lists.neighbors(of: query)))
        }
        let line = Matrix<Float>([[0], [1], [-1], [1], [2]])
        #expect(PointNeighbors.of(0, in: line, k: 3).map(\.index) == [1, 2, 3])
        #expect(PointNeighbors.of(0, in: line, k: 3).map(\.distance) == [1, 1, 1])
    }

    @Test func outOfRangeOrEmptyGivesNothing() {
        let points = Matrix<Float>([[0, 0], [1, 1]])
        #expect(PointNeighbors.of(5, in: points, k: 3).isEmpty)
        #expect(PointNeighbors.of(0, in: points, k: 0).isEmpty)
        #expect(PointNeighbors.of(0, in: points, k: 5).count == 1)
    }
}
