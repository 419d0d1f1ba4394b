import DMLXCore
import DMLXEngine
import DMLXTestSupport
import Testing

/// A loss written outside DMLXEngine from its public pieces, as a user's would be:
/// the mean squared cosine distance 1 − S between positive pairs.
final class PositiveCosineLoss: MetricLoss {
    let name = "positive-cosine"
    let distance: any Distance = CosineSimilarity()
    let reducer: any Reducer = MeanReducer()
    var parameters: [Parameter] { [] }

    func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?,
                  parameterValues: [Matrix<Double>]) -> LossEvaluation {
        let positive = (tuples?.pairs ?? MinedTuples.allPairs(labels: labels)).positive
        guard !positive.isEmpty else { return .zero(embeddings: embeddings) }
        let similarity = distance.matrix(embeddings)
        let gaps = positive.map { 1 - similarity[$0.0, $0.1] }
        let reduction = reducer.reduce(gaps.map { $0 * $0 })
        var upstream = Matrix<Double>(rows: similarity.rows, cols: similarity.cols)
        for (k, pair) in positive.enumerated() { upstream[pair.0, pair.1] -= 2 * gaps[k] * reduction.weights[k] }
        return LossEvaluation(value: reduction.value, gradient: distance.backward(embeddings, upstream: upstream),
                              statistics: LossEvaluation.termStatistics(gaps))
    }
}

@Suite struct CustomLossTests {
    @Test func aLossBuiltFromThePublicPiecesPassesTheGradientCheck() {
        var generator = SeededGenerator(seed: 12)
        let embeddings = Matrix(rows: 6, cols: 3, storage: (0..<18).map { _ in generator.nextGaussian() })
        let labels = [0, 1, 0, 1, 0, 1]
        let loss = PositiveCosineLoss()
        let errors = GradientCheck.lossErrors(loss, embeddings: embeddings, labels: labels, tuples: nil, parameterValues: [])
        #expect(errors[0] < 1e-6)
        let evaluation = loss.evaluate(embeddings: embeddings, labels: labels, tuples: nil)
        #expect(evaluation.statistics["tuples"] == 12)
    }
}
