import Foundation
import Testing
import DMLXCore
import DMLXEngine

@Suite struct TSNEAffinitiesTests {
    @Test(arguments: TSNEFixture.all.map(\.name))
    func jointProbabilitiesEqualOpenTSNEs(name: String) {
        let fixture = TSNEFixture.named(name)
        let ours = TSNEAffinities.joint(neighbors: fixture.neighbors, perplexity: fixture.perplexity)
        let theirs = fixture.openTSNEAffinities
        #expect(ours.offsets == theirs.offsets && ours.columns == theirs.columns, "\(name): the same edges")
        let worst = zip(ours.weights, theirs.weights).map { abs(Double($0) - Double($1)) / Double($1) }.max() ?? 0
        #expect(worst < 1e-5, "\(name): largest relative difference \(worst)")
    }

    /// Each point's conditional distribution, recovered from the calibrated row, has the
    /// perplexity asked for: `exp(H)` with `H = −Σ p log p`.
    @Test func everyRowReachesThePerplexity() {
        let fixture = TSNEFixture.named("digits150-perplexity20")
        let neighbors = fixture.neighbors
        let rows = TSNEAffinities.conditionalProbabilities(neighbors, k: 60, perplexity: 20, threads: 1)
        for query in 0..<neighbors.count {
            let row = rows[(query * 60)..<((query + 1) * 60)].map(Double.init)
            #expect(abs(row.reduce(0, +) - 1) < 1e-6)
            let entropy = -row.reduce(0.0) { $1 > 0 ? $0 + $1 * log($1) : $0 }
            #expect(abs(exp(entropy) - 20) < 1e-3, "point \(query): perplexity \(exp(entropy))")
        }
    }

    @Test func jointProbabilitiesAreSymmetricAndSumToOne() {
        let fixture = TSNEFixture.named("iris-perplexity10")
        let p = TSNEAffinities.joint(neighbors: fixture.neighbors, perplexity: 10)
        #expect(abs(p.weights.reduce(0.0) { $0 + Double($1) } - 1) < 1e-5)
        for i in 0..<p.count {
            for j in p.row(i).columns { #expect(p.weight(i, Int(j)) == p.weight(Int(j), i)) }
        }
    }

    @Test func threadsDoNotChangeTheResult() {
        let neighbors = TSNEFixture.named("digits150-perplexity20").neighbors
        #expect(TSNEAffinities.joint(neighbors: neighbors, perplexity: 20, threads: 1)
                == TSNEAffinities.joint(neighbors: neighbors, perplexity: 20, threads: 3))
    }
}
