import DMLXCore
import Foundation

/// UMAP's high-dimensional graph, as umap-learn 0.5.12's `fuzzy_simplicial_set` builds it
/// from the k nearest neighbours (McInnes et al. 2018, §3.1):
///
/// - each point's local connectivity `ρ_i`, the distance to its nearest neighbour at a
///   non-zero distance, and bandwidth `σ_i`, found by bisection (64 steps, tolerance
///   10⁻⁵) so that `Σ_j exp(−max(0, d_ij − ρ_i) / σ_i) = log₂ k` over its `k − 1`
///   neighbours (umap-learn counts the point itself among its `k`), and never below 10⁻³
///   of its mean neighbour distance (of the mean over all points when `ρ_i = 0`);
/// - the directed weights `w_ij = exp(−max(0, d_ij − ρ_i) / σ_i)`;
/// - their fuzzy union `w_ij + w_ji − w_ij·w_ji`.
///
/// Arithmetic follows umap-learn's: distances, `ρ` and `σ` in Float, sums in Double.
public enum FuzzySimplicialSet {
    public enum Failure: Error, CustomStringConvertible {
        case tooFewNeighbors(needed: Int, listed: Int)

        public var description: String {
            switch self {
            case .tooFewNeighbors(let needed, let listed):
                return "UMAP's fuzzy graph needs \(needed) neighbours a point, the lists hold \(listed)"
            }
        }
    }

    public static let smoothingTolerance = 1e-5
    public static let minimumBandwidthScale: Float = 1e-3

    /// The fuzzy union over the first `neighborCount − 1` entries of each list (which
    /// exclude the point itself). With fewer points than that, all the others are used.
    public static func graph(neighbors: NeighborLists, neighborCount: Int) throws -> SparseGraph {
        let used = min(neighborCount - 1, neighbors.count - 1)
        guard used <= neighbors.k else { throw Failure.tooFewNeighbors(needed: used, listed: neighbors.k) }
        let (rho, sigma) = bandwidths(neighbors, using: used, neighborCount: Double(neighborCount))
        return SparseGraph.symmetrized(neighbors, directed: { query, rank in
            guard rank < used else { return 0 }
            let excess = neighbors.distances[query * neighbors.k + rank] - rho[query]
            return excess <= 0 || sigma[query] == 0 ? 1 : Float(exp(-Double(excess) / Double(sigma[query])))
        }, combine: { $0 + $1 - $0 * $1 })
    }

    /// `ρ_i` and `σ_i` for every point, from its first `used` neighbours.
    public static func bandwidths(_ neighbors: NeighborLists, using used: Int, neighborCount: Double) -> (rho: [Float], sigma: [Float]) {
        let n = neighbors.count
        let target = log2(neighborCount)
        let rows = (0..<n).map { query in
            zip(neighbors.neighbors(of: query).prefix(used), neighbors.distances(of: query).prefix(used))
                .filter { $0.0 >= 0 }.map(\.1)
        }
        // umap-learn's lists hold the point itself at distance 0: means count it.
        let allDistances = rows.reduce(0.0) { $0 + $1.reduce(0.0) { $0 + Double($1) } }
        let overallMean = Float(allDistances / Double(n * (used + 1)))
        var rho = [Float](repeating: 0, count: n)
        var sigma = [Float](repeating: 0, count: n)
        for (i, distances) in rows.enumerated() {
            rho[i] = distances.first { $0 > 0 } ?? 0
            let bandwidth = Float(bisectBandwidth(distances, rho: rho[i], target: target))
            let floor = minimumBandwidthScale * (rho[i] > 0 ? Float(distances.reduce(0.0) { $0 + Double($1) } / Double(used + 1))
                                                          : overallMean)
            sigma[i] = max(bandwidth, floor)
        }
        return (rho, sigma)
    }

    /// umap-learn's bisection for `σ`: from 1, doubling until bracketed.
    private static func bisectBandwidth(_ distances: [Float], rho: Float, target: Double) -> Double {
        var (low, high, middle) = (0.0, Double.greatestFiniteMagnitude, 1.0)
        for _ in 0..<64 {
            let sum = distances.reduce(0.0) { total, distance in
                let excess = distance - rho
                return total + (excess > 0 ? exp(-(Double(excess) / middle)) : 1)
            }
            if abs(sum - target) < smoothingTolerance { break }
            if sum > target {
                high = middle
                middle = (low + high) / 2
            } else {
                low = middle
                middle = high >= Double.greatestFiniteMagnitude ? middle * 2 : (low + high) / 2
            }
        }
        return middle
    }
}
