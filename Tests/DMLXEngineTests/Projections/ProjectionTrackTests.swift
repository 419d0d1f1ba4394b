import Foundation
import Testing
import DMLXCore
import DMLXEngine

@Suite struct ProjectionTrackTests {
    typealias Data = ProjectionTestData

    /// Feeds `epochs` to a new track; returns each epoch's per-epoch and aligned coordinates.
    func track(_ epochs: [Matrix<Float>]) throws -> [(perEpoch: Matrix<Float>, aligned: Matrix<Float>)] {
        var track = ProjectionTrack()
        return try epochs.map { embeddings in
            let projection = try track.next(embeddings)
            return (projection.perEpoch.project(embeddings), projection.aligned.project(embeddings))
        }
    }

    @Test func theSameEmbeddingsTwiceGiveIdenticalCoordinates() throws {
        let embeddings = Matrix<Float>(Data.cloud(rows: 300, scales: [2, 1, 0.5, 0.2], offset: 1, seed: 31))
        var track = ProjectionTrack()
        let first = try track.next(embeddings)
        let second = try track.next(embeddings)
        #expect(first.aligned == first.perEpoch)
        #expect(second.aligned.project(embeddings) == first.aligned.project(embeddings))
    }

    @Test func aFlippedPrincipalDirectionDoesNotFlipTheAlignedPicture() throws {
        // The main axis (0.8, 0.6, 0, 0) keeps its sign under the convention; negating the
        // first coordinate turns it into (−0.8, 0.6), normalised to (0.8, −0.6), so the
        // per-epoch picture mirrors while the aligned one must not move.
        let cloud = Data.rotated(Data.cloud(rows: 400, scales: [3, 1.5, 0.3, 0.3], seed: 32), 0, 1, by: atan2(0.6, 0.8))
        var flipped = cloud
        for r in 0..<cloud.rows { flipped[r, 0] = -cloud[r, 0] }
        let epochs = try track([Matrix<Float>(cloud), Matrix<Float>(flipped)])
        var mirrored = epochs[0].perEpoch
        for r in 0..<mirrored.rows { mirrored[r, 0] = -mirrored[r, 0] }
        #expect(Data.maxDifference(epochs[1].perEpoch, mirrored) < 1e-4)
        #expect(Data.maxDifference(epochs[1].aligned, epochs[0].aligned) < 1e-4)
    }

    @Test func aRotatingCloudStaysStillWhilePerEpochAxesFlip() throws {
        // Turning the cloud by 5° a step through 180° in the plane of its largest and
        // third axes: its shape never changes, so the aligned picture should not move,
        // but the largest entry of the main axis changes sign on the way (near 135°).
        let cloud = Data.cloud(rows: 500, scales: [3, 2, 0.5, 0.3, 0.2], offset: 0.3, seed: 33)
        let epochs = try track((0...36).map { Matrix<Float>(Data.rotated(cloud, 0, 2, by: Double($0) * .pi / 36)) })
        let alignedSteps = zip(epochs, epochs.dropFirst()).map { Data.rmsDisplacement($0.aligned, $1.aligned) }
        let perEpochSteps = zip(epochs, epochs.dropFirst()).map { Data.rmsDisplacement($0.perEpoch, $1.perEpoch) }
        #expect(alignedSteps.max()! < 1e-4)
        #expect(Data.rmsDisplacement(epochs.last!.aligned, epochs[0].aligned) < 1e-3)
        #expect(perEpochSteps.max()! > 1)
    }

    @Test func crossingVariancesSwapPerEpochAxesButTheAlignedPictureMovesLittle() throws {
        // The spreads along the first two coordinates cross (2 → 1.6 and 1.6 → 2 over 20
        // steps), so per-epoch PCA swaps its axes mid-way; each step changes the data by
        // 1%, and the aligned picture moves about that much, not by a swap.
        let base = Data.cloud(rows: 400, scales: [1, 1, 0.2], seed: 34)
        let epochs = try track((0...20).map { step -> Matrix<Float> in
            var points = base
            for r in 0..<base.rows {
                points[r, 0] *= 2 - 0.02 * Double(step)
                points[r, 1] *= 1.6 + 0.02 * Double(step)
            }
            return Matrix<Float>(points)
        })
        let alignedSteps = zip(epochs, epochs.dropFirst()).map { Data.rmsDisplacement($0.aligned, $1.aligned) }
        let perEpochSteps = zip(epochs, epochs.dropFirst()).map { Data.rmsDisplacement($0.perEpoch, $1.perEpoch) }
        #expect(alignedSteps.max()! < 0.05)
        #expect(perEpochSteps.max()! > 1)
    }

    @Test func nonFiniteEmbeddingsAreReportedAndLeaveTheTrackUnchanged() throws {
        let embeddings = Matrix<Float>(Data.cloud(rows: 50, scales: [1, 2, 3], seed: 35))
        var broken = embeddings
        broken[3, 1] = .nan
        var track = ProjectionTrack()
        let first = try track.next(embeddings)
        #expect(throws: LAPACKError.nonFiniteInput) { try track.next(broken) }
        #expect(try track.next(embeddings).aligned.project(embeddings) == first.aligned.project(embeddings))
    }
}
