import DMLXApp
import DMLXCore
import DMLXEngine
import DMLXTerm
import Foundation

/// Deterministic app states for update and snapshot tests: 40 test points of 4 classes
/// on a circle, and two runs whose embeddings pull the classes apart epoch by epoch.
enum AppFixtures {
    static let pointCount = 40
    static let labels = (0..<pointCount).map { $0 % 4 }

    static func metrics(_ quality: Double) -> RetrievalMetrics {
        RetrievalMetrics(recallAt: [1: 0.5 + quality / 2, 2: 0.6 + quality / 2.5, 4: 0.7 + quality / 4, 8: 0.8 + quality / 5],
                         precisionAt1: 0.5 + quality / 2, rPrecision: 0.3 + quality / 2, mapAtR: 0.2 + quality / 2,
                         nmi: 0.4 + quality / 2, ami: 0.38 + quality / 2, knnAccuracy: 0.5 + quality / 2)
    }

    /// Embeddings (3-D) at `epoch`: class c sits at angle c·90° on a circle, spread by a
    /// deterministic jitter that shrinks as training goes on.
    static func embeddings(epoch: Int, run: Int) -> Matrix<Float> {
        let spread = 0.9 / Double(1 + epoch + run)
        var storage: [Float] = []
        for index in 0..<pointCount {
            let label = labels[index]
            let angle = Double(label) * .pi / 2 + spread * sin(Double(index) * 1.7)
            let height = spread * cos(Double(index) * 2.3)
            storage += [Float(cos(angle)), Float(sin(angle)), Float(height)]
        }
        return Matrix(rows: pointCount, cols: 3, storage: storage)
    }

    static func run(_ name: String, index: Int, epochs: Int, planned: Int = 10) -> RunView {
        var track = ProjectionTrack()
        var cumulative = 0.0
        let snapshots = (0...epochs).map { epoch -> EpochSnapshot in
            let embeddings = embeddings(epoch: epoch, run: index)
            let seconds = epoch == 0 ? 0 : 0.01 * Double(index + 1)
            cumulative += seconds
            let batchLosses = epoch == 0 ? [] : (0..<4).map { 1.0 / Double(epoch + index) + 0.01 * Double($0) }
            return EpochSnapshot(run: name, epoch: epoch, loss: epoch == 0 ? nil : batchLosses.reduce(0, +) / 4,
                                 batchLosses: batchLosses, trainSeconds: seconds, cumulativeTrainSeconds: cumulative,
                                 metrics: metrics(Double(epoch + 2 * index) / Double(planned + 2 * index)),
                                 statistics: statistics(epoch: epoch, run: index), learningRate: 0.001, embeddings: embeddings,
                                 projection: try? track.next(embeddings))
        }
        return RunView(name: name, snapshots: snapshots, status: .running, plannedEpochs: planned)
    }

    /// Run 0 mines triplets whose active share and distance gap evolve; run 1 has no miner.
    static func statistics(epoch: Int, run: Int) -> [String: Double] {
        guard epoch > 0 else { return [:] }
        let active = 400 / Double(epoch + 1)
        guard run == 0 else { return ["tuples": 64, "active": 64] }
        return ["tuples": 400, "active": active, "mined": 400 - 20 * Double(epoch),
                "mean_positive_distance": 0.8 / Double(epoch), "mean_negative_distance": 0.9 + 0.05 * Double(epoch)]
    }

    /// A classic learner's run, FARM-like: epoch 0 the identity, epoch 1 a fit that
    /// stretches the first axis and drops the third feature, with its objective, constraint
    /// counts and feature weights.
    static func classicRun(_ name: String, index: Int) -> RunView {
        var track = ProjectionTrack()
        let fits: [(Matrix<Float>, [Double], [Int], [Float]?)] = [
            (Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), [], [], nil),
            (Matrix([[2, 0.5, 0], [0, 1, 0], [0, 0, 0]]), [40, 22, 15, 12, 11.5, 11.2], [30, 24, 18, 13, 11, 10], [1, 0.5, 0]),
        ]
        let snapshots = fits.enumerated().map { epoch, fit -> EpochSnapshot in
            let learned = LearnedMetric(components: fit.0, iterations: fit.1.count, featureWeights: fit.3)
            let embeddings = learned.embed(embeddings(epoch: 0, run: index))
            let summary = try? MahalanobisSummary(learned, embeddings: embeddings, activeConstraints: fit.2)
            var projection = try? track.next(embeddings)
            projection?.metricAxes = summary?.axes
            return EpochSnapshot(run: name, epoch: epoch, loss: fit.1.last, batchLosses: fit.1, trainSeconds: 0.05 * Double(epoch),
                                 cumulativeTrainSeconds: 0.05 * Double(epoch), metrics: metrics(0.3 * Double(epoch)),
                                 statistics: [:], learningRate: 0, embeddings: embeddings, projection: projection,
                                 mahalanobis: summary)
        }
        return RunView(name: name, snapshots: snapshots, status: .finished, plannedEpochs: 1, kind: .classic)
    }

    /// A deep run (focused) beside a classic one.
    static func stateWithClassicRun(width: Int = 80, height: Int = 24) -> AppState {
        AppState(data: data(), runs: [run("triplet", index: 0, epochs: 5), classicRun("farm", index: 1)],
                 size: AppState.Size(width: width, height: height))
    }

    static func data() -> AppData {
        AppData(name: "circle", split: "stratified", testLabels: labels, classNames: [:],
                rawTestFeatures: Matrix(rows: pointCount, cols: 4, storage: (0..<pointCount * 4).map { Float($0 % 7) }),
                imageShape: nil, rawMetrics: metrics(0.1))
    }

    /// Gives `state` the Classes screen's scores as the runtime would: the job `update`
    /// asks for, run here to its end and handed back as the class queue's news.
    static func scoreClasses(_ state: inout AppState) {
        for case .computeClassTable(let job) in state.update(.progress([])) {
            let scores = job.run { _ in true }
            _ = state.update(.classTable(latest: nil, finished: [ClassTableFrame(key: job.key, share: 1, scores: scores)]))
        }
    }

    static func state(width: Int = 80, height: Int = 24, epochs: Int = 5) -> AppState {
        AppState(data: data(), runs: [run("triplet", index: 0, epochs: epochs), run("proxy-nca", index: 1, epochs: epochs)],
                 size: AppState.Size(width: width, height: height))
    }
}
