// Using dmlx's engine as a library: a loss written here, outside the engine, trained on the
// built-in digits with the engine's model, miner, optimizer and metrics.
//
//     swift run -c release CustomLossExample
import DMLXCore
import DMLXEngine
import Foundation

/// The soft-margin triplet loss of Hermans, Beyer & Leibe (2017, "In Defense of the Triplet
/// Loss"): `log(1 + exp(d(a,p) − d(a,n)))` per triplet — a hinge with no margin to tune —
/// averaged over the triplets, on L2 distances between normalised embeddings.
final class SoftMarginTripletLoss: MetricLoss {
    let name = "soft-margin-triplet"
    let distance: any Distance = LpDistance()
    let reducer: any Reducer = MeanReducer()
    var parameters: [Parameter] { [] }

    func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?,
                  parameterValues: [Matrix<Double>]) -> LossEvaluation {
        let triplets = tuples?.triplets ?? MinedTuples.allTriplets(labels: labels)
        guard !triplets.isEmpty else { return .zero(embeddings: embeddings) }
        let d = distance.matrix(embeddings)
        let gaps = triplets.map { d[$0.0, $0.1] - d[$0.0, $0.2] }
        let terms = gaps.map { $0 > 0 ? $0 + log1p(exp(-$0)) : log1p(exp($0)) }
        let reduction = reducer.reduce(terms)
        // d/dgap log(1 + e^gap) = sigmoid(gap); the gap rises with d(a,p), falls with d(a,n).
        var upstream = Matrix<Double>(rows: d.rows, cols: d.cols)
        for (k, (a, p, n)) in triplets.enumerated() {
            let slope = reduction.weights[k] / (1 + exp(-gaps[k]))
            upstream[a, p] += slope
            upstream[a, n] -= slope
        }
        return LossEvaluation(value: reduction.value, gradient: distance.backward(embeddings, upstream: upstream),
                              statistics: LossEvaluation.termStatistics(terms))
    }
}

let configuration = TrainingConfiguration(
    runName: "soft-margin-triplet", data: "digits", split: .stratified,
    model: ModelConfiguration(kind: .mlp, hidden: [128], dimension: 32),
    loss: LossConfiguration(name: "soft-margin-triplet"), miner: "hard", epochs: 10, seed: 0)
let data = try PreparedData(configuration)
let trainer = try Trainer(configuration, data: data, customLoss: SoftMarginTripletLoss())

func show(_ label: String, _ metrics: RetrievalMetrics, loss: Double? = nil) {
    let lossText = loss.map { String(format: "loss %.4f  ", $0) } ?? String(repeating: " ", count: 13)
    print(label.padding(toLength: 14, withPad: " ", startingAt: 0) + lossText
          + String(format: "R@1 %.3f  MAP@R %.3f  NMI %.3f", metrics.recallAt[1] ?? 0, metrics.mapAtR, metrics.nmi))
}

show("raw features", data.rawMetrics)
show("epoch 0", trainer.evaluateInitialModel().metrics)
while trainer.epoch < configuration.epochs {
    guard let snapshot = try trainer.trainEpoch() else { break }
    show("epoch \(snapshot.epoch)", snapshot.metrics, loss: snapshot.loss)
}
