import DMLXCore
import DMLXEngine
import Foundation

/// Loop-by-loop reference implementations of the registry's losses, written from the
/// formulas in the loss types' documentation and sharing no code with them (not even
/// the distances or the tuple enumeration), so that agreement means something.
public enum NaiveLoss {
    /// The value of the loss `configuration` names (every option filled in, as in a
    /// loss's resolved `configuration`), or nil when there is no reference for that name.
    /// `classes` are the classes the loss was built for (the proxies' classes, in order).
    public static func value(_ configuration: LossConfiguration, classes: [Int], embeddings: Matrix<Double>,
                             labels: [Int], tuples: MinedTuples?, parameterValues: [Matrix<Double>]) -> Double? {
        let points = (0..<embeddings.rows).map { Array(embeddings.row($0)) }
        switch configuration.name {
        case "contrastive":
            return contrastive(points, labels, tuples, positiveMargin: configuration.positiveMargin!,
                               negativeMargin: configuration.negativeMargin!)
        case "triplet":
            return triplet(points, labels, tuples, margin: configuration.margin!, swap: configuration.swap!,
                           smooth: configuration.smoothLoss!)
        case "proxy-nca":
            let proxies = (0..<parameterValues[0].rows).map { Array(parameterValues[0].row($0)) }
            let excludePositive = configuration.proxyForm == .paper
            if configuration.proxyAssignment == .dynamic {
                return dynamicProxyNCA(points, labels, tuples, proxies: proxies, scale: configuration.softmaxScale!,
                                       excludePositive: excludePositive)
            }
            let proxyClasses = staticProxyClasses(classes, proxiesPerClass: configuration.proxiesPerClass!)
            return proxyNCA(points, labels, tuples, proxies: proxies, proxyClasses: proxyClasses,
                            scale: configuration.softmaxScale!, excludePositive: excludePositive)
        case "multi-similarity":
            return multiSimilarity(points, labels, tuples, alpha: configuration.alpha!, beta: configuration.beta!,
                                   base: configuration.base!)
        default:
            return catalogueValue(configuration, classes: classes, points: points, labels: labels, tuples: tuples,
                                  parameterValues: parameterValues)
        }
    }

    static func unit(_ x: [Double]) -> [Double] {
        let norm = max(sqrt(x.reduce(0) { $0 + $1 * $1 }), 1e-12)
        return x.map { $0 / norm }
    }

    static func euclidean(_ x: [Double], _ y: [Double]) -> Double {
        let (u, v) = (unit(x), unit(y))
        var sum = 0.0
        for k in u.indices { sum += (u[k] - v[k]) * (u[k] - v[k]) }
        return sqrt(sum)
    }

    static func cosine(_ x: [Double], _ y: [Double]) -> Double {
        let (u, v) = (unit(x), unit(y))
        var sum = 0.0
        for k in u.indices { sum += u[k] * v[k] }
        return sum
    }

    static func averageOfPositive(_ terms: [Double]) -> Double {
        let positive = terms.filter { $0 > 0 }
        return positive.isEmpty ? 0 : positive.reduce(0, +) / Double(positive.count)
    }

    /// Positive and negative pairs: every ordered pair when `tuples` is nil, the pairs
    /// of the triplets' anchors otherwise.
    static func pairs(_ labels: [Int], _ tuples: MinedTuples?) -> (positive: [(Int, Int)], negative: [(Int, Int)]) {
        switch tuples {
        case let .pairs(positive, negative)?:
            return (positive, negative)
        case let .triplets(triplets)?:
            return (triplets.map { ($0.0, $0.1) }, triplets.map { ($0.0, $0.2) })
        case nil:
            var positive = [(Int, Int)](), negative = [(Int, Int)]()
            for i in labels.indices {
                for j in labels.indices where i != j {
                    if labels[i] == labels[j] { positive.append((i, j)) } else { negative.append((i, j)) }
                }
            }
            return (positive, negative)
        }
    }

    static func contrastive(_ x: [[Double]], _ labels: [Int], _ tuples: MinedTuples?,
                            positiveMargin: Double, negativeMargin: Double) -> Double {
        let (positive, negative) = pairs(labels, tuples)
        let positiveTerms = positive.map { max(euclidean(x[$0.0], x[$0.1]) - positiveMargin, 0) }
        let negativeTerms = negative.map { max(negativeMargin - euclidean(x[$0.0], x[$0.1]), 0) }
        return averageOfPositive(positiveTerms) + averageOfPositive(negativeTerms)
    }

    static func triplet(_ x: [[Double]], _ labels: [Int], _ tuples: MinedTuples?,
                        margin: Double, swap: Bool, smooth: Bool) -> Double {
        tripletTerms(x, labels, tuples) { a, p, n in
            var negativeDistance = euclidean(a, n)
            if swap { negativeDistance = min(negativeDistance, euclidean(p, n)) }
            let violation = euclidean(a, p) - negativeDistance + margin
            return smooth ? log(1 + exp(violation)) : max(violation, 0)
        }
    }

    /// The classes of each proxy row: k rows per class for k ≥ 1 proxies per class;
    /// class i on row i mod ⌈k·C⌉ for k < 1.
    static func staticProxyClasses(_ classes: [Int], proxiesPerClass: Double) -> [Set<Int>] {
        if proxiesPerClass >= 1 {
            var rows = [Set<Int>]()
            for label in classes {
                for _ in 0..<Int(proxiesPerClass) { rows.append([label]) }
            }
            return rows
        }
        let count = Int(ceil(proxiesPerClass * Double(classes.count)))
        var rows = Array(repeating: Set<Int>(), count: count)
        for (i, label) in classes.enumerated() { rows[i % count].insert(label) }
        return rows
    }

    /// Each embedding's miner weight: 1 without tuples, else its count in them over the
    /// largest count; nil for an empty set of tuples.
    static func minerWeights(_ x: [[Double]], _ labels: [Int], _ tuples: MinedTuples?) -> [Double]? {
        var weights = Array(repeating: 1.0, count: x.count)
        if let tuples {
            let (positive, negative) = pairs(labels, tuples)
            var named: [Int]
            if case let .triplets(triplets) = tuples {
                named = triplets.flatMap { [$0.0, $0.1, $0.2] }
            } else {
                named = (positive + negative).flatMap { [$0.0, $0.1] }
            }
            if named.isEmpty { return nil }
            let counts = x.indices.map { i in Double(named.filter { $0 == i }.count) }
            weights = counts.map { $0 / counts.max()! }
        }
        return weights
    }

    /// −log( e^{−s·d(x,p)} / ([e^{−s·d(x,p)}] + Σ_{q ∈ negatives} e^{−s·d(x,q)}) ), d squared.
    static func proxyTerm(_ x: [Double], positive: [Double], negatives: [[Double]], scale: Double,
                          excludePositive: Bool) -> Double {
        let numerator = exp(-scale * pow(euclidean(x, positive), 2))
        var denominator = negatives.reduce(0) { $0 + exp(-scale * pow(euclidean(x, $1), 2)) }
        if !excludePositive { denominator += numerator }
        return -log(numerator / denominator)
    }

    static func proxyNCA(_ x: [[Double]], _ labels: [Int], _ tuples: MinedTuples?, proxies: [[Double]],
                         proxyClasses: [Set<Int>], scale: Double, excludePositive: Bool) -> Double {
        guard let weights = minerWeights(x, labels, tuples) else { return 0 }
        var terms = [Double]()
        for i in x.indices {
            let squared = proxies.map { pow(euclidean(x[i], $0), 2) }
            let own = proxyClasses.indices.filter { proxyClasses[$0].contains(labels[i]) }
            guard let nearest = own.min(by: { squared[$0] < squared[$1] }) else { continue }
            let others = proxyClasses.indices.filter { !proxyClasses[$0].contains(labels[i]) }
            if excludePositive && others.isEmpty { continue }
            terms.append(proxyTerm(x[i], positive: proxies[nearest], negatives: others.map { proxies[$0] },
                                   scale: scale, excludePositive: excludePositive) * weights[i])
        }
        return terms.isEmpty ? 0 : terms.reduce(0, +) / Double(terms.count)
    }

    static func dynamicProxyNCA(_ x: [[Double]], _ labels: [Int], _ tuples: MinedTuples?, proxies: [[Double]],
                                scale: Double, excludePositive: Bool) -> Double {
        guard let weights = minerWeights(x, labels, tuples) else { return 0 }
        let nearest = x.map { point in proxies.indices.min { euclidean(point, proxies[$0]) < euclidean(point, proxies[$1]) }! }
        var terms = [Double]()
        for a in x.indices {
            for p in x.indices where p != a && labels[p] == labels[a] {
                var negativeSet = Set<Int>()
                for n in x.indices where labels[n] != labels[a] { negativeSet.insert(nearest[n]) }
                let negatives = Array(negativeSet)
                if excludePositive && negatives.isEmpty { continue }
                terms.append(proxyTerm(x[a], positive: proxies[nearest[p]], negatives: negatives.map { proxies[$0] },
                                       scale: scale, excludePositive: excludePositive) * weights[a])
            }
        }
        return terms.isEmpty ? 0 : terms.reduce(0, +) / Double(terms.count)
    }

    static func multiSimilarity(_ x: [[Double]], _ labels: [Int], _ tuples: MinedTuples?,
                                alpha: Double, beta: Double, base: Double) -> Double {
        let (positive, negative) = pairs(labels, tuples)
        var total = 0.0
        for i in x.indices {
            let positives = Set(positive.filter { $0.0 == i }.map(\.1))
            let negatives = Set(negative.filter { $0.0 == i }.map(\.1))
            if !positives.isEmpty {
                total += log(1 + positives.reduce(0) { $0 + exp(-alpha * (cosine(x[i], x[$1]) - base)) }) / alpha
            }
            if !negatives.isEmpty {
                total += log(1 + negatives.reduce(0) { $0 + exp(beta * (cosine(x[i], x[$1]) - base)) }) / beta
            }
        }
        return total / Double(x.count)
    }
}
