import Testing
import DMLXCore
import DMLXEngine
import DMLXTestSupport

@Suite struct PlaneNeighborsTests {
    /// Two dense clusters and a sparse halo, with exact duplicates (ties by index).
    func layout(_ n: Int, seed: UInt64) -> Matrix<Float> {
        var generator = SeededGenerator(seed: seed)
        var points = Matrix<Float>(rows: n, cols: 2)
        for i in 0..<n {
            let (centre, spread): (Float, Float) = i % 3 == 0 ? (20, 8) : (i % 3 == 1 ? (-5, 0.3) : (5, 0.3))
            points[i, 0] = centre + spread * Float(generator.nextGaussian())
            points[i, 1] = spread * Float(generator.nextGaussian())
        }
        for i in stride(from: 0, to: n - 1, by: 17) { points[i + 1, 0] = points[i, 0]; points[i + 1, 1] = points[i, 1] }
        return points
    }

    @Test(arguments: [(1, 1), (2, 5), (3, 2), (500, 10), (1500, 15)])
    func equalsTheSortOfEveryDistance(n: Int, k: Int) {
        let points = layout(n, seed: UInt64(n))
        let found = PlaneNeighbors.search(points, k: k)
        #expect(found.k == min(k, n - 1) && found.count == n)
        for i in 0..<n {
            #expect(Array(found.neighbors(of: i)).map(Int.init) == Array(NaiveTrust.sortedOthers(of: i, in: points).prefix(found.k)))
        }
    }

    @Test func agreesWithTheBlockedSearchOnDistancesAndAnswersSelectedQueries() {
        let points = layout(800, seed: 9)
        let exact = NearestNeighbors.search(queries: points, references: points, k: 10, excludeSelf: true)
        let found = PlaneNeighbors.search(points, k: 10, queries: [7, 0, 799])
        for (slot, query) in [7, 0, 799].enumerated() {
            for (a, b) in zip(found.distances(of: slot), exact.distances(of: query)) { #expect(abs(a - b) <= 1e-3 * max(1, b)) }
        }
    }

    @Test func identicalAndNonFinitePointsDoNotBreakIt() {
        let same = Matrix<Float>(rows: 50, cols: 2, repeating: 3)
        let found = PlaneNeighbors.search(same, k: 4)
        #expect(Array(found.neighbors(of: 10)) == [0, 1, 2, 3] && found.distances(of: 10).allSatisfy { $0 == 0 })
        var broken = layout(100, seed: 1)
        broken[5, 0] = .nan
        broken[6, 1] = .infinity
        let lists = PlaneNeighbors.search(broken, k: 3)
        #expect(!lists.neighbors(of: 0).contains(5) && lists.neighbors(of: 5).count == 3)
    }
}
