import DMLXCore

/// Every metric of `RetrievalMetrics` for one labelled set of embeddings, leave-one-out
/// (each sample is a query, the gallery is every other sample; DESIGN.md §3).
public enum MetricSuite {
    /// One exact k-NN search with k = max(8, largest R, k-NN's k) serves Recall@K,
    /// precision@1, R-precision, MAP@R and k-NN accuracy (`KNNClassifier.defaultK`). It
    /// streams: a block of queries' lists is scored and dropped before the next
    /// (`NearestNeighbors.forEachQueryBlock`), so memory holds `threads` blocks of R
    /// neighbours, not every query's (Fashion-MNIST's 60,000 points have R = 5,999).
    /// NMI and AMI compare the labels with `clusters` when given (e.g. `dmlx eval
    /// --clusters FILE`), otherwise with `KMeans` (k = the number of distinct labels,
    /// seeded by `seed`). `threads` workers share the search; keep `BLAS.threads` at 1
    /// when using more than one.
    ///
    /// `progress` hears the share done (the search's blocks count for 90%, k-means for the
    /// rest), on the calling thread, for a progress bar: 60,000 raw Fashion-MNIST images
    /// take a minute.
    public static func evaluate(embeddings: Matrix<Float>, labels: [Int], seed: UInt64, threads: Int = 1,
                                clusters: [Int]? = nil, progress: ((Double) -> Void)? = nil) -> RetrievalMetrics {
        evaluate(embeddings: embeddings, labels: labels, seed: seed, threads: threads, clusters: clusters,
                 abandoningWhen: { share in progress?(share); return true })!
    }

    /// `evaluate`, abandoned (nil) as soon as `progress` answers false: how the UI stops
    /// scoring a million points when the user quits.
    public static func evaluate(embeddings: Matrix<Float>, labels: [Int], seed: UInt64, threads: Int = 1,
                                clusters: [Int]? = nil, abandoningWhen progress: @escaping (Double) -> Bool) -> RetrievalMetrics? {
        precondition(embeddings.rows == labels.count, "\(embeddings.rows) embeddings for \(labels.count) labels")
        precondition(clusters == nil || clusters!.count == labels.count, "one cluster per sample")
        let classifier = KNNClassifier()
        var accumulator = RetrievalScores.Accumulator(labels: labels)
        var correct = 0
        var abandoned = false
        NearestNeighbors.forEachQueryBlock(of: embeddings, k: max(RetrievalScores.neighborCount(for: labels), classifier.k),
                                           threads: threads, progress: { share in
                                               abandoned = !progress(0.9 * share)
                                               return !abandoned
                                           }) { queries, lists in
            accumulator.add(lists, from: queries.lowerBound)
            correct += classifier.correct(lists, from: queries.lowerBound, referenceLabels: labels, queryLabels: labels)
        }
        guard !abandoned, let clusters = clusters ?? kMeansClusters(embeddings, labels: labels, seed: seed,
                                                                   progress: { progress(0.9 + 0.1 * $0) })
        else { return nil }
        let retrieval = accumulator.scores
        let clustering = ClusteringScores(labels: labels, clusters: clusters)
        return RetrievalMetrics(
            recallAt: retrieval.recallAt, precisionAt1: retrieval.precisionAt1,
            rPrecision: retrieval.rPrecision, mapAtR: retrieval.mapAtR,
            nmi: clustering.nmi, ami: clustering.ami,
            knnAccuracy: labels.isEmpty ? .nan : Double(correct) / Double(labels.count))
    }

    private static func kMeansClusters(_ embeddings: Matrix<Float>, labels: [Int], seed: UInt64,
                                       progress: (Double) -> Bool) -> [Int]? {
        guard embeddings.rows > 0 else { return [] }
        return KMeans(clusterCount: Set(labels).count).fit(embeddings, seed: seed, abandoningWhen: progress)?.assignments
    }
}
