import Testing
import DMLXCore
import DMLXEngine

@Suite struct LinearProjectionTests {
    typealias Data = ProjectionTestData

    let projection = LinearProjection(
        mean: [1, -2, 0.5], axes: Matrix([[0.6, 0], [0.8, 0], [0, 1]]))

    @Test func projectsEveryPointSetThroughTheSameMap() {
        let points = Matrix<Float>(Data.cloud(rows: 70, scales: [1, 2, 3], offset: 10, seed: 21))
        let proxies = Matrix<Float>([[1, -2, 0.5], [4, 2, -1]])
        for set in [points, proxies] {
            let expected = Data.naiveProjection(set, mean: projection.mean, axes: projection.axes)
            #expect(Data.maxDifference(projection.project(set), expected) < 1e-5)
        }
        #expect(projection.project(proxies) == Matrix([[0, 0], [5, -1.5]]))
    }

    @Test func followedByATransformMapsTheCoordinates() {
        let swap = Matrix<Float>([[0, 1], [1, 0]])
        let points = Matrix<Float>([[2, 0, 0], [1, -2, 3]])
        #expect(projection.followed(by: swap).project(points) == projection.project(points).multiplied(by: swap))
        #expect(projection.followed(by: swap).mean == projection.mean)
    }

    @Test func fixedBasisIsTheLatestAlignedProjection() {
        let other = projection.followed(by: Matrix([[0, -1], [1, 0]]))
        let epochs = [EpochProjection(perEpoch: projection, aligned: projection),
                      EpochProjection(perEpoch: projection, aligned: other)]
        #expect(LinearProjection.fixed(from: epochs) == other)
        #expect(LinearProjection.fixed(from: [EpochProjection]()) == nil)
    }
}
