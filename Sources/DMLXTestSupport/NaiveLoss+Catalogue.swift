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
        case "ntxent":
            return ntXent(points, labels, tuples, scale: configuration.softmaxScale!)
        case "n-pairs":
            return nPairs(points, labels, tuples)
        case "lifted-structure":
            return liftedStructure(points, labels, tuples, positiveMargin: configuration.positiveMargin!,
                                   negativeMargin: configuration.negativeMargin!)
        case "contrastive-squared":
            return contrastiveSquared(points, labels, tuples, margin: configuration.negativeMargin!)
        case "triplet-squared":
            return tripletTerms(points, labels, tuples) { a, p, n in
                max(pow(euclidean(a, p), 2) - pow(euclidean(a, n), 2) + configuration.margin!, 0)
            }
        case "pairwise-hinge":
            return tripletTerms(points, labels, tuples) { a, p, n in
                max(dot(a, n) - dot(a, p) + configuration.margin!, 0)
            }
        case "soft-pairwise":
            return tripletTerms(points, labels, tuples) { a, p, n in
                log(1 + exp(dot(a, n) - dot(a, p) + configuration.margin!))
            }
        case "histogram":
            return histogram(points, labels, tuples, bins: configuration.bins!)
        case "smooth-ap":
            return smoothAP(points, labels, tuples, scale: configuration.softmaxScale!)
        case "proxy-ranking":
            guard let weights = minerWeights(points, labels, tuples) else { return 0 }
            var terms = [Double]()
            for (i, x) in points.enumerated() {
                guard let own = classes.firstIndex(of: labels[i]) else { continue }
                for other in proxies.indices where other != own {
                    terms.append(weights[i] * max(euclidean(x, proxies[own]) - euclidean(x, proxies[other])
                                                  + configuration.margin!, 0))
                }
            }
            return averageOfPositive(terms)
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

    static func ntXent(_ x: [[Double]], _ labels: [Int], _ tuples: MinedTuples?, scale: Double) -> Double {
        let (positive, negative) = pairs(labels, tuples)
        if positive.isEmpty || negative.isEmpty { return 0 }
        var total = 0.0
        for (a, p) in positive {
            let negatives = negative.filter { $0.0 == a }
            if negatives.isEmpty { continue }
            let numerator = exp(scale * cosine(x[a], x[p]))
            let denominator = numerator + negatives.reduce(0) { $0 + exp(scale * cosine(x[a], x[$1.1])) }
            total += -log(numerator / denominator)
        }
        return total / Double(positive.count)
    }

    static func nPairs(_ x: [[Double]], _ labels: [Int], _ tuples: MinedTuples?) -> Double {
        let positive = pairs(labels, tuples).positive
        let chosen = Set(positive.map { labels[$0.0] }).sorted().map { label in positive.first { labels[$0.0] == label }! }
        if chosen.isEmpty { return 0 }
        var total = 0.0
        for (a, p) in chosen {
            let denominator = chosen.reduce(0) { $0 + exp(cosine(x[a], x[$1.1])) }
            total += -log(exp(cosine(x[a], x[p])) / denominator)
        }
        return total / Double(chosen.count)
    }

    static func liftedStructure(_ x: [[Double]], _ labels: [Int], _ tuples: MinedTuples?,
                                positiveMargin: Double, negativeMargin: Double) -> Double {
        let (positive, negative) = pairs(labels, tuples)
        if positive.isEmpty || negative.isEmpty { return 0 }
        var total = 0.0
        for (i, j) in positive {
            let sum = negative.filter { $0.0 == i || $0.0 == j }
                .reduce(0) { $0 + exp(negativeMargin - euclidean(x[$1.0], x[$1.1])) }
            let violation = (sum > 0 ? log(sum) : 0) + euclidean(x[i], x[j]) - positiveMargin
            total += pow(max(violation, 0), 2) / 2
        }
        return total / Double(positive.count)
    }

    static func dot(_ x: [Double], _ y: [Double]) -> Double {
        var sum = 0.0
        for k in x.indices { sum += x[k] * y[k] }
        return sum
    }

    static func contrastiveSquared(_ x: [[Double]], _ labels: [Int], _ tuples: MinedTuples?, margin: Double) -> Double {
        let (positive, negative) = pairs(labels, tuples)
        if positive.isEmpty && negative.isEmpty { return 0 }
        let pulls = positive.map { pow(euclidean(x[$0.0], x[$0.1]), 2) / 2 }
        let pushes = negative.map { pow(max(margin - euclidean(x[$0.0], x[$0.1]), 0), 2) / 2 }
        return (pulls + pushes).reduce(0, +) / Double(positive.count + negative.count)
    }

    /// The average over positive terms of `term(a, p, n)` on the triplets: the given
    /// ones, pairs joined on their anchor, or every valid triplet of the batch.
    static func tripletTerms(_ x: [[Double]], _ labels: [Int], _ tuples: MinedTuples?,
                             term: ([Double], [Double], [Double]) -> Double) -> Double {
        var triplets = [(Int, Int, Int)]()
        switch tuples {
        case let .triplets(given)?:
            triplets = given
        case let .pairs(positive, negative)?:
            for (a, p) in positive { for (b, n) in negative where b == a { triplets.append((a, p, n)) } }
        case nil:
            for a in labels.indices {
                for p in labels.indices where p != a && labels[p] == labels[a] {
                    for n in labels.indices where labels[n] != labels[a] { triplets.append((a, p, n)) }
                }
            }
        }
        return averageOfPositive(triplets.map { term(x[$0.0], x[$0.1], x[$0.2]) })
    }

    static func histogram(_ x: [[Double]], _ labels: [Int], _ tuples: MinedTuples?, bins: Int) -> Double {
        var positive = Set<[Int]>(), negative = Set<[Int]>()
        switch tuples {
        case let .triplets(triplets)?:
            for (a, p, n) in triplets { positive.insert([a, p].sorted()); negative.insert([a, n].sorted()) }
        case let .pairs(positivePairs, negativePairs)?:
            for (a, p) in positivePairs {
                for (b, n) in negativePairs where b == a { positive.insert([a, p].sorted()); negative.insert([a, n].sorted()) }
            }
        case nil:
            for a in x.indices {
                for p in x.indices where p != a && labels[p] == labels[a] {
                    for n in x.indices where labels[n] != labels[a] {
                        positive.insert([a, p].sorted()); negative.insert([a, n].sorted())
                    }
                }
            }
        }
        if positive.isEmpty { return 0 }
        let width = 2 / Double(bins)
        func density(_ pairs: Set<[Int]>, _ node: Int) -> Double {
            let t = -1 + Double(node) * width
            return pairs.reduce(0) { $0 + max(0, 1 - abs(cosine(x[$1[0]], x[$1[1]]) - t) / width) } / Double(pairs.count)
        }
        var total = 0.0, cumulative = 0.0
        for node in 0...bins {
            cumulative += density(positive, node)
            total += density(negative, node) * cumulative
        }
        return total
    }

    static func smoothAP(_ x: [[Double]], _ labels: [Int], _ tuples: MinedTuples?, scale: Double) -> Double {
        guard let weights = minerWeights(x, labels, tuples) else { return 0 }
        func sigmoid(_ v: Double) -> Double { 1 / (1 + exp(-v)) }
        var total = 0.0
        for i in x.indices {
            let positives = x.indices.filter { labels[$0] == labels[i] }
            var precision = 0.0
            for k in positives {
                var positiveRank = 1.0, rank = 1.0
                for j in x.indices where j != k {
                    let above = sigmoid(scale * (cosine(x[i], x[j]) - cosine(x[i], x[k])))
                    rank += above
                    if labels[j] == labels[i] { positiveRank += above }
                }
                precision += positiveRank / rank / Double(positives.count)
            }
            total += weights[i] * (1 - precision)
        }
        return total / Double(x.count)
    }
}
