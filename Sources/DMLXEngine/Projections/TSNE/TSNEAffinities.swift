import DMLXCore
import Foundation

/// t-SNE's input similarities from the k-nearest-neighbour graph, as openTSNE 1.0.4's
/// `PerplexityBasedNN` computes them (van der Maaten 2014, "Accelerating t-SNE using
/// tree-based algorithms"):
///
/// - each point's conditional distribution over its `k = ⌊3 · perplexity⌋` nearest
///   neighbours, `p_j|i ∝ exp(−τ_i d_ij² / 2)`, with the precision `τ_i` found by
///   bisection so that its entropy is `log(perplexity)` (natural log; at most 200 steps,
///   tolerance 10⁻⁸, starting from τ = 1 and doubling or halving until bracketed);
/// - the joint `p_ij = (p_j|i + p_i|j) / 2`, normalised to sum to 1 over all pairs.
///
/// A perplexity above the neighbours available is lowered to a third of them, as
/// openTSNE does. Cost O(n·k) time and memory.
public enum TSNEAffinities {
    /// The joint probabilities `P` from `neighbors` (their first `⌊3 · perplexity⌋`
    /// entries; entries of index −1 are skipped), rows computed on `threads` threads.
    public static func joint(neighbors: NeighborLists, perplexity: Double, threads: Int = 1) -> SparseGraph {
        let k = min(neighbors.k, Int(3 * perplexity))
        let effective = perplexity > Double(k) ? Double(k) / 3 : perplexity
        let conditional = conditionalProbabilities(neighbors, k: k, perplexity: effective, threads: threads)
        let summed = SparseGraph.symmetrized(neighbors, directed: { query, rank in
            rank < k ? conditional[query * k + rank] : 0
        }, combine: { ($0 + $1) / 2 })
        let total = summed.weights.reduce(0.0) { $0 + Double($1) }
        return SparseGraph(count: summed.count, offsets: summed.offsets, columns: summed.columns,
                           weights: summed.weights.map { Float(Double($0) / total) })
    }

    /// `p_j|i` for the first `k` neighbours of each point, row-major `n × k`.
    public static func conditionalProbabilities(_ neighbors: NeighborLists, k: Int, perplexity: Double, threads: Int) -> [Float] {
        let n = neighbors.count
        var result = [Float](repeating: 0, count: n * k)
        result.withUnsafeMutableBufferPointer { output in
            Parallel.forEachSlice(of: n, workers: threads) { slice in
                var squared = [Double](repeating: 0, count: k)
                for query in slice {
                    let valid = zip(neighbors.neighbors(of: query).prefix(k), neighbors.distances(of: query).prefix(k))
                        .prefix { index, _ in index >= 0 }
                    var count = 0
                    for (_, distance) in valid {
                        squared[count] = Double(distance) * Double(distance)
                        count += 1
                    }
                    let row = calibratedRow(squared[0..<count], perplexity: perplexity)
                    for (rank, p) in row.enumerated() { output[query * k + rank] = Float(p) }
                }
            }
        }
        return result
    }

    /// One point's `p_j|i` over neighbours at squared distances `squared`: openTSNE's
    /// bisection on the precision τ of `√τ · exp(−τ d² / 2)`, whose entropy
    /// `τ/2 · Σ p d² + log Σ − log(τ)/2` must reach `log(perplexity)`.
    static func calibratedRow(_ squared: ArraySlice<Double>, perplexity: Double) -> [Double] {
        let target = log(perplexity)
        var (tau, lowest, highest) = (1.0, -Double.infinity, Double.infinity)
        var weights = [Double](repeating: 0, count: squared.count)
        for _ in 0..<200 {
            let root = tau.squareRoot()
            for (j, d2) in squared.enumerated() { weights[j] = root * exp(-d2 * tau / 2) }
            let sum = weights.reduce(0, +) + Double.ulpOfOne
            let meanSquared = zip(weights, squared).reduce(0.0) { $0 + $1.0 / sum * $1.1 }
            let entropy = tau / 2 * meanSquared + log(sum) - log(tau) / 2
            let excess = entropy - target
            if abs(excess) <= 1e-8 { break }
            if excess > 0 {
                lowest = tau
                tau = highest.isInfinite ? tau * 2 : (tau + highest) / 2
            } else {
                highest = tau
                tau = lowest.isInfinite ? tau / 2 : (tau + lowest) / 2
            }
        }
        let total = weights.reduce(0, +)
        return weights.map { total > 0 ? $0 / total : 0 }
    }
}
