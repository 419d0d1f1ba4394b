import Foundation
import Testing
import DMLXEngine

@Suite struct ClusteringScoresTests {
    @Test func perfectAndNullLabelingsFollowScikitLearnsSpecialCases() {
        let cases: [([Int], [Int], Double)] = [
            ([0, 0, 1, 1], [1, 1, 0, 0], 1), ([0, 0, 0, 0], [0, 1, 2, 3], 0), ([3, 3, 3], [7, 7, 7], 1), ([], [], 1),
        ]
        for (labels, clusters, expected) in cases {
            let scores = ClusteringScores(labels: labels, clusters: clusters)
            #expect(scores.nmi == expected && scores.ami == expected)
        }
    }

    @Test func handComputedMutualInformationAndNMI() {
        // labels 0,0,1,1 against clusters 0,0,0,1: table [[2,0],[1,1]], N = 4, a = (2,2), b = (3,1).
        // I = 2/4 log(4·2/(2·3)) + 1/4 log(4·1/(2·3)) + 1/4 log(4·1/(2·1))
        // H(U) = log 2, H(V) = −(3/4 log 3/4 + 1/4 log 1/4), NMI = I / ((H(U) + H(V))/2).
        let table = ContingencyTable(labels: [0, 0, 1, 1], clusters: [0, 0, 0, 1])
        #expect(table.counts == [[2, 0], [1, 1]])
        let information = 0.5 * log(4.0 / 3) + 0.25 * log(2.0 / 3) + 0.25 * log(2.0)
        let columnEntropy = -(0.75 * log(0.75) + 0.25 * log(0.25))
        #expect(abs(table.mutualInformation - information) < 1e-15)
        #expect(abs(table.columnEntropy - columnEntropy) < 1e-15)
        let nmi = ClusteringScores(table: table).nmi
        #expect(abs(nmi - information / ((log(2.0) + columnEntropy) / 2)) < 1e-15)
    }

    @Test func handComputedExpectedMutualInformation() {
        // a = b = (1, 1), N = 2. Cell (i, j) takes nᵢⱼ = 1 with probability
        // 1!·1!·1!·1! / (2!·1!·0!·0!·0!) = 1/2, contributing (1/2)·log(2·1/(1·1))·(1/2).
        // Four cells: E[I] = 4 · (1/4) log 2 = log 2.
        let table = ContingencyTable(counts: [[1, 0], [0, 1]])
        #expect(abs(table.expectedMutualInformation - log(2.0)) < 1e-14)
    }

    @Test(arguments: MetricsFixtures.retrieval.map(\.name))
    func matchesScikitLearnOnGivenClusterings(name: String) {
        let fixture = MetricsFixtures.retrieval.first { $0.name == name }!
        let scores = ClusteringScores(labels: fixture.labels, clusters: fixture.clusters)
        #expect(abs(scores.nmi - fixture.nmi) < 1e-6)
        #expect(abs(scores.ami - fixture.ami) < 1e-6)
    }

    @Test(arguments: MetricsFixtures.contingency.indices)
    func matchesScikitLearnOnLargeTables(index: Int) {
        let fixture = MetricsFixtures.contingency[index]
        let scores = ClusteringScores(table: ContingencyTable(counts: fixture.table))
        #expect(abs(scores.nmi - fixture.nmi) < 1e-6)
        #expect(abs(scores.ami - fixture.ami) < 1e-6)
    }

    @Test func tableFromLabelingsDropsNothingAndCountsEverySample() {
        let labels = [5, 5, 9, 9, 9, 2]
        let clusters = [1, 0, 0, 0, 1, 1]
        let table = ContingencyTable(labels: labels, clusters: clusters)
        #expect(table.counts == [[0, 1], [1, 1], [2, 1]])
        #expect(table.rowSums == [1, 2, 3] && table.columnSums == [3, 3] && table.sampleCount == 6)
    }
}
