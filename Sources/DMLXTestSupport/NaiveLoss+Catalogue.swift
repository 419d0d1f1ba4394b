import DMLXCore
import DMLXEngine
import Foundation

/// Naive references for the losses of the method catalogue (issue 4), written from the
/// formulas in their documentation, loop by loop, as the rest of `NaiveLoss`.
extension NaiveLoss {
    static func catalogueValue(_ configuration: LossConfiguration, classes: [Int], points: [[Double]], labels: [Int],
                               tuples: MinedTuples?, parameterValues: [Matrix<Double>]) -> Double? {
        let proxies = parameterValues.first.map { values in (0..<values.rows).map { Array(values.row($0)) } } ?? []
        switch configuration.name {
        case "proxy-anchor":
            return proxyAnchor(points, labels, tuples, proxies: proxies, classes: classes,
                               alpha: configuration.alpha!, margin: configuration.margin!)
        case "normalized-softmax":
            return normalizedSoftmax(points, labels, tuples, proxies: proxies, classes: classes,
                                     scale: configuration.softmaxScale!)
        default:
            return nil
        }
    }

    static func proxyAnchor(_ x: [[Double]], _ labels: [Int], _ tuples: MinedTuples?, proxies: [[Double]],
                            classes: [Int], alpha: Double, margin: Double) -> Double {
        guard let weights = minerWeights(x, labels, tuples) else { return 0 }
        let known = x.indices.filter { classes.contains(labels[$0]) }
        let classesPresent = Set(known.map { labels[$0] }).count
        var positive = 0.0, negative = 0.0
        for (k, proxy) in proxies.enumerated() {
            var positiveSum = 0.0, negativeSum = 0.0
            for i in known {
                let s = cosine(x[i], proxy)
                if labels[i] == classes[k] {
                    positiveSum += exp(-alpha * (s - margin) + weights[i] - 1)
                } else {
                    negativeSum += exp(alpha * (s + margin) + weights[i] - 1)
                }
            }
            positive += log(1 + positiveSum)
            negative += log(1 + negativeSum)
        }
        return (classesPresent == 0 ? 0 : positive / Double(classesPresent)) + negative / Double(proxies.count)
    }

    static func normalizedSoftmax(_ x: [[Double]], _ labels: [Int], _ tuples: MinedTuples?, proxies: [[Double]],
                                  classes: [Int], scale: Double) -> Double {
        guard let weights = minerWeights(x, labels, tuples) else { return 0 }
        var terms = [Double]()
        for i in x.indices {
            guard let target = classes.firstIndex(of: labels[i]) else { continue }
            let exponentials = proxies.map { exp(scale * cosine(x[i], $0)) }
            terms.append(-log(exponentials[target] / exponentials.reduce(0, +)) * weights[i])
        }
        return terms.isEmpty ? 0 : terms.reduce(0, +) / Double(terms.count)
    }
}
