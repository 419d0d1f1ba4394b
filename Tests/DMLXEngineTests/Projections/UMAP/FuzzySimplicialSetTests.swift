import Testing
import DMLXCore
import DMLXEngine

@Suite struct FuzzySimplicialSetTests {
    @Test(arguments: UMAPFixture.file.graphs.map(\.name))
    func theFuzzyGraphEqualsUMAPLearns(name: String) throws {
        let fixture = UMAPFixture.graph(name)
        let lists = fixture.lists
        let ours = try FuzzySimplicialSet.graph(neighbors: lists, neighborCount: fixture.neighbors)
        let edges = (0..<ours.count).flatMap { i in zip(ours.row(i).columns, ours.row(i).weights).map { (i, Int($0), Double($1)) } }
        #expect(edges.map { [$0.0, $0.1] } == fixture.graph.map { [Int($0[0]), Int($0[1])] }, "\(name): the same edges")
        let worst = zip(edges, fixture.graph).map { abs($0.2 - $1[2]) }.max() ?? 0
        #expect(worst < 1e-5, "\(name): largest difference \(worst)")
        let (rho, sigma) = FuzzySimplicialSet.bandwidths(lists, using: fixture.neighbors - 1, neighborCount: Double(fixture.neighbors))
        #expect(zip(rho, fixture.rhos).allSatisfy { abs(Double($0) - $1) <= 1e-6 * max(1, $1) })
        #expect(zip(sigma, fixture.sigmas).allSatisfy { abs(Double($0) - $1) <= 1e-4 * $1 }, "\(name): sigmas")
    }

    @Test func tooShortListsAreAnError() {
        let points = Matrix<Float>(rows: 30, cols: 2, storage: (0..<60).map { Float($0 % 7) + Float($0) / 100 })
        let lists = NearestNeighbors.search(queries: points, references: points, k: 5, excludeSelf: true)
        #expect(throws: FuzzySimplicialSet.Failure.self) { try FuzzySimplicialSet.graph(neighbors: lists, neighborCount: 15) }
    }
}
