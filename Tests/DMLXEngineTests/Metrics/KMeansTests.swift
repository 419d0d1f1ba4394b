import Testing
import DMLXCore
import DMLXEngine

@Suite struct KMeansTests {
    /// `perClass` points around each of `centers`, unit Gaussian noise; labels by center.
    func blobs(_ centers: [[Double]], perClass: Int, seed: UInt64) -> (Matrix<Float>, [Int]) {
        var generator = SeededGenerator(seed: seed)
        var rows = [[Float]]()
        var labels = [Int]()
        for index in 0..<(centers.count * perClass) {
            let center = centers[index % centers.count]
            rows.append(center.map { Float($0 + generator.nextGaussian()) })
            labels.append(index % centers.count)
        }
        return (Matrix(rows), labels)
    }

    @Test func recoversWellSeparatedBlobsExactly() {
        let centers = [[0.0, 0, 0], [60, 0, 0], [0, 60, 0], [0, 0, 60], [60, 60, 60], [-60, 0, 60]]
        let (points, labels) = blobs(centers, perClass: 40, seed: 5)
        for seed in UInt64(0)..<5 {
            let clustering = KMeans(clusterCount: centers.count).fit(points, seed: seed)
            #expect(ClusteringScores(labels: labels, clusters: clustering.assignments).nmi == 1)
        }
    }

    @Test func sameSeedSameClustering() {
        let (points, _) = blobs([[0, 0], [3, 0], [0, 3], [3, 3]], perClass: 60, seed: 9)
        let first = KMeans(clusterCount: 4, restarts: 2).fit(points, seed: 42)
        let second = KMeans(clusterCount: 4, restarts: 2).fit(points, seed: 42)
        #expect(first == second)
        #expect(Set(first.assignments) == Set(0..<4))
    }

    /// Progress rises through seeding and the iterations of every restart; the same
    /// clustering comes out, and a false answer abandons it.
    @Test func reportsProgressAndCanBeAbandoned() {
        let (points, _) = blobs([[0, 0], [3, 0], [0, 3], [3, 3]], perClass: 60, seed: 9)
        let kMeans = KMeans(clusterCount: 4, restarts: 2)
        var shares: [Double] = []
        let heard = kMeans.fit(points, seed: 42, abandoningWhen: { shares.append($0); return true })
        #expect(heard == kMeans.fit(points, seed: 42))
        #expect(shares == shares.sorted() && shares.first! < 0.1 && shares.last! < 1 && shares.contains { $0 >= 0.5 })
        var calls = 0
        #expect(kMeans.fit(points, seed: 42, abandoningWhen: { _ in calls += 1; return calls < 3 }) == nil)
    }

    @Test func moreRestartsNeverRaiseInertia() {
        let (points, _) = blobs([[0, 0], [2, 0], [0, 2], [2, 2], [1, 1]], perClass: 30, seed: 11)
        let one = KMeans(clusterCount: 5).fit(points, seed: 3)
        let several = KMeans(clusterCount: 5, restarts: 4).fit(points, seed: 3)
        #expect(several.inertia <= one.inertia)
    }

    @Test func inertiaIsTheSumOfSquaredDistancesToAssignedCenters() {
        let (points, _) = blobs([[0, 0], [5, 5]], perClass: 20, seed: 2)
        let clustering = KMeans(clusterCount: 2).fit(points, seed: 1)
        let total = (0..<points.rows).reduce(0.0) { sum, point in
            sum + zip(points.row(point), clustering.centers.row(clustering.assignments[point]))
                .reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
        }
        #expect(abs(clustering.inertia - total) < 1e-3)
    }

    @Test func copesWithMoreClustersThanDistinctPoints() {
        let clustering = KMeans(clusterCount: 3).fit(Matrix([[0], [0], [0], [1]]), seed: 7)
        #expect(clustering.assignments.allSatisfy { (0..<3).contains($0) })
        #expect(clustering.inertia == 0)
    }
}
