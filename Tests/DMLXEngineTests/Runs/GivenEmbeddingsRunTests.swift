import DMLXCore
import DMLXEngine
import Testing

/// `dmlx view`'s run: explorable at once, scored on its own queue.
@Suite struct GivenEmbeddingsRunTests {
    static let points = Matrix<Float>([[0, 0], [0, 1], [5, 5], [5, 6], [9, 0], [9, 1]])
    static let labels = [0, 0, 1, 1, 2, 2]

    func run(board: ProgressBoard) -> GivenEmbeddingsRun {
        let snapshot = EpochSnapshot(run: "given", epoch: 0, loss: nil, batchLosses: [], trainSeconds: 0,
                                     cumulativeTrainSeconds: 0, metrics: .unknown, statistics: [:], learningRate: 0,
                                     embeddings: Self.points)
        return GivenEmbeddingsRun(snapshot: snapshot, labels: Self.labels, index: .exact(Self.points, threads: 2), seed: 3,
                                  source: "given.npy", board: board)
    }

    @Test func theSnapshotIsThereAtOnceAndGetsItsMetricsWhenScored() {
        let board = ProgressBoard()
        let given = run(board: board)
        #expect(given.snapshots.count == 1 && given.snapshots[0].metrics.mapAtR.isNaN && given.status == .waiting)
        given.start(paused: false)
        given.waitUntilDone()
        #expect(given.status == .finished && board.tasks.isEmpty)
        #expect(given.snapshots.map(\.metrics) == [MetricSuite.evaluate(embeddings: Self.points, labels: Self.labels, seed: 3)])
        #expect(given.snapshots[0].embeddings == Self.points)
    }

    @Test func aCancelledBoardOrAStopAbandonsTheScoring() {
        for stopsItself in [false, true] {
            let board = ProgressBoard()
            let given = run(board: board)
            if stopsItself { given.stop() } else { board.cancel() }
            given.start(paused: false)
            given.waitUntilDone()
            #expect(given.status == .stopped && given.snapshots[0].metrics.mapAtR.isNaN)
        }
    }
}
