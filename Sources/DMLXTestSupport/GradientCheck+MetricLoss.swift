import DMLXCore
import DMLXEngine

extension GradientCheck {
    /// Relative errors of a loss's analytic gradients against central differences, with
    /// `tuples` held fixed: first for the embeddings, then one per parameter.
    public static func lossErrors(_ loss: any MetricLoss, embeddings: Matrix<Double>, labels: [Int],
                                  tuples: MinedTuples?, parameterValues: [Matrix<Double>]) -> [Double] {
        let analytic = loss.evaluate(embeddings: embeddings, labels: labels, tuples: tuples,
                                     parameterValues: parameterValues)
        let embeddingError = relativeError(analytic.gradient, numerical(at: embeddings) {
            loss.evaluate(embeddings: $0, labels: labels, tuples: tuples, parameterValues: parameterValues).value
        })
        let parameterErrors = parameterValues.indices.map { index in
            relativeError(analytic.parameterGradients[index], numerical(at: parameterValues[index]) { probe in
                var values = parameterValues
                values[index] = probe
                return loss.evaluate(embeddings: embeddings, labels: labels, tuples: tuples, parameterValues: values).value
            })
        }
        return [embeddingError] + parameterErrors
    }
}
