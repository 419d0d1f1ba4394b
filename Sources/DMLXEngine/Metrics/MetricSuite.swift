import DMLXCore

/// Every metric of `RetrievalMetrics` for one labelled set of embeddings, leave-one-out
/// (each sample is a query, the gallery is every other sample; DESIGN.md §3).
public enum MetricSuite {
    /// One exact k-NN search with k = max(8, largest R, k-NN's k) serves Recall@K,
    /// precision@1, R-precision, MAP@R and k-NN accuracy (`KNNClassifier.defaultK`).
    /// NMI and AMI compare the labels with `clusters` when given (e.g. `dmlx eval
    /// --clusters FILE`), otherwise with `KMeans` (k = the number of distinct labels,
    /// seeded by `seed`). `threads` workers share the search; keep `BLAS.threads` at 1
    /// when using more than one.
    public static func evaluate(embeddings: Matrix<Float>, labels: [Int], seed: UInt64, threads: Int = 1,
                                clusters: [Int]? = nil) -> RetrievalMetrics {
        precondition(embeddings.rows == labels.count, "\(embeddings.rows) embeddings for \(labels.count) labels")
        precondition(clusters == nil || clusters!.count == labels.count, "one cluster per sample")
        let classifier = KNNClassifier()
        let neighbors = NearestNeighbors.search(
            queries: embeddings, references: embeddings,
            k: max(RetrievalScores.neighborCount(for: labels), classifier.k), excludeSelf: true, threads: threads)
        let retrieval = RetrievalScores(neighbors: neighbors, labels: labels)
        let clustering = ClusteringScores(labels: labels, clusters: clusters ?? kMeansClusters(embeddings, labels: labels, seed: seed))
        return RetrievalMetrics(
            recallAt: retrieval.recallAt, precisionAt1: retrieval.precisionAt1,
            rPrecision: retrieval.rPrecision, mapAtR: retrieval.mapAtR,
            nmi: clustering.nmi, ami: clustering.ami,
            knnAccuracy: classifier.leaveOneOutAccuracy(neighbors: neighbors, labels: labels))
    }

    private static func kMeansClusters(_ embeddings: Matrix<Float>, labels: [Int], seed: UInt64) -> [Int] {
        guard embeddings.rows > 0 else { return [] }
        return KMeans(clusterCount: Set(labels).count).fit(embeddings, seed: seed).assignments
    }
}
