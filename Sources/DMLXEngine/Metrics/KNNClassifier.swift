import DMLXCore

/// k-nearest-neighbour classification by Euclidean distance: a sample takes the
/// majority label of its k nearest references; a tie between labels goes to the label
/// met first in nearest-first order (so k = 1 and the nearest neighbour agree).
///
/// `k` defaults to 3, the "3-NN" accuracy reported for Mahalanobis learners (Weinberger
/// & Saul, "Distance Metric Learning for Large Margin Nearest Neighbor
/// Classification", JMLR 2009).
public struct KNNClassifier: Sendable {
    public static let defaultK = 3
    public var k: Int

    public init(k: Int = KNNClassifier.defaultK) {
        precondition(k > 0, "k-NN needs k ≥ 1")
        self.k = k
    }

    /// Leave-one-out accuracy over every sample, from leave-one-out `neighbors` (at
    /// least `k` per sample unless fewer others exist). Unlike the retrieval scores,
    /// samples of a class with no other member are counted (and always missed): a
    /// classifier is judged on every sample.
    public func leaveOneOutAccuracy(neighbors: NeighborLists, labels: [Int]) -> Double {
        precondition(neighbors.count == labels.count, "\(neighbors.count) neighbour lists for \(labels.count) labels")
        precondition(neighbors.k >= min(k, labels.count - 1), "k-NN needs \(k) neighbours, got \(neighbors.k)")
        return accuracy(neighbors: neighbors, referenceLabels: labels, queryLabels: labels)
    }

    /// Accuracy on `test` of the classifier whose references are `train`.
    public func accuracy(train: Matrix<Float>, trainLabels: [Int], test: Matrix<Float>, testLabels: [Int],
                         threads: Int = 1) -> Double {
        precondition(train.rows == trainLabels.count && test.rows == testLabels.count, "one label per sample")
        let neighbors = NearestNeighbors.search(queries: test, references: train, k: k, excludeSelf: false, threads: threads)
        return accuracy(neighbors: neighbors, referenceLabels: trainLabels, queryLabels: testLabels)
    }

    /// The majority label of `neighborLabels` (nearest first) among the first k.
    public func vote(_ neighborLabels: some Sequence<Int>) -> Int? {
        var counts = [Int: Int]()
        var order = [Int]()
        for label in neighborLabels.prefix(k) {
            if counts[label] == nil { order.append(label) }
            counts[label, default: 0] += 1
        }
        let most = counts.values.max()
        return order.first { counts[$0] == most }
    }

    private func accuracy(neighbors: NeighborLists, referenceLabels: [Int], queryLabels: [Int]) -> Double {
        guard !queryLabels.isEmpty else { return .nan }
        return Double(correct(neighbors, from: 0, referenceLabels: referenceLabels, queryLabels: queryLabels))
            / Double(queryLabels.count)
    }

    /// How many of the queries `first..<first + lists.count` (indices into `queryLabels`)
    /// the vote of their lists classifies right.
    func correct(_ lists: NeighborLists, from first: Int, referenceLabels: [Int], queryLabels: [Int]) -> Int {
        (0..<lists.count).filter { local in
            let labels = lists.neighbors(of: local).filter { $0 >= 0 }.map { referenceLabels[Int($0)] }
            return vote(labels) == queryLabels[first + local]
        }.count
    }
}
