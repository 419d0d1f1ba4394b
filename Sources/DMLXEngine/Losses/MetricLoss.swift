import DMLXCore

/// A metric-learning loss on a batch of embeddings, in the decomposition of
/// pytorch-metric-learning: a `Distance` makes the batch's distance (or similarity)
/// matrix, an optional `Miner` picks the tuples, the loss turns matrix entries and
/// tuples into per-tuple terms, and a `Reducer` makes the scalar.
///
/// The loss stage runs in `Double`: batches are small, and the conformance test checks
/// every gradient against central differences.
///
/// A conforming type implements the pure `evaluate(embeddings:labels:tuples:parameterValues:)`;
/// the training loop calls `evaluate(embeddings:labels:tuples:)`, which reads the
/// parameters and adds their gradients into `Parameter.gradient`.
public protocol MetricLoss: AnyObject {
    /// The registry name, e.g. "triplet" or "proxy-nca".
    var name: String { get }
    /// Parameters the loss owns (proxies), updated by the optimizer with the model's.
    var parameters: [Parameter] { get }
    /// The loss of `embeddings` (batch × dim) with `labels`, as a pure function of its
    /// inputs. `tuples` are the miner's output, or nil to use every valid tuple of the
    /// batch. `parameterValues` stand in for `parameters`, in the same order; the returned
    /// `parameterGradients` follow that order too.
    func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?,
                  parameterValues: [Matrix<Double>]) -> LossEvaluation
    /// The loss with the current parameter values. The returned gradient is with respect
    /// to `embeddings`; gradients of `parameters` are added to their `gradient` fields.
    func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?) -> LossEvaluation
}

extension MetricLoss {
    public func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?) -> LossEvaluation {
        let evaluation = evaluate(embeddings: embeddings, labels: labels, tuples: tuples,
                                  parameterValues: parameters.map { Matrix<Double>($0.value) })
        for (parameter, gradient) in zip(parameters, evaluation.parameterGradients) {
            for i in gradient.storage.indices { parameter.gradient.storage[i] += Float(gradient.storage[i]) }
        }
        return evaluation
    }
}
