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
        score(embeddings, labels: labels, seed: seed, clusters: clusters, progress: { progress?($0); return true }) { k, share, body in
            NearestNeighbors.forEachQueryBlock(of: embeddings, k: k, threads: threads, progress: share, body)
        }!
    }

    /// `evaluate` with the neighbours `index` finds among its points (with an exact index,
    /// the same numbers to the last bit). With an approximate one every retrieval score
    /// and the k-NN accuracy are approximate: a caller states `index.measuredRecall` at
    /// `neighborCount(for: labels)` beside them. `observer` sees every block of lists the
    /// scores are made from, in order (`dmlx eval --per-class` feeds them to a
    /// `PerClassScores.Accumulator` rather than search twice).
    public static func evaluate(index: NeighborIndex, labels: [Int], seed: UInt64, clusters: [Int]? = nil,
                                progress: ((Double) -> Void)? = nil,
                                observer: (Range<Int>, NeighborLists) -> Void = { _, _ in }) throws(NeighborIndexError) -> RetrievalMetrics {
        try score(index.points, labels: labels, seed: seed, clusters: clusters, progress: { progress?($0); return true }) {
            k, share, body throws(NeighborIndexError) in
            try index.forEachQueryBlock(k: k, progress: share) { queries, lists in
                observer(queries, lists)
                body(queries, lists)
            }
        }!
    }

    /// `evaluate(index:...)`, abandoned (nil) as soon as `progress` answers false: how the
    /// UI stops scoring a million points when the user quits.
    public static func evaluate(index: NeighborIndex, labels: [Int], seed: UInt64, clusters: [Int]? = nil,
                                abandoningWhen progress: @escaping (Double) -> Bool) throws(NeighborIndexError) -> RetrievalMetrics? {
        try score(index.points, labels: labels, seed: seed, clusters: clusters, progress: progress) { k, share, body throws(NeighborIndexError) in
            try index.forEachQueryBlock(k: k, progress: share, body)
        }
    }

    /// How deep the suite searches each query's neighbours: the largest R, the largest K
    /// of Recall@K and k-NN's k, whichever is more (capped at the other samples).
    public static func neighborCount(for labels: [Int]) -> Int {
        min(max(RetrievalScores.neighborCount(for: labels), KNNClassifier().k), max(0, labels.count - 1))
    }

    /// The scores from `search(k, progress, body)`, which hands `body` every query's
    /// leave-one-out lists a block at a time, in order; nil once `progress` answers false.
    private static func score<Failure: Error>(
        _ embeddings: Matrix<Float>, labels: [Int], seed: UInt64, clusters: [Int]?, progress: @escaping (Double) -> Bool,
        search: (Int, @escaping (Double) -> Bool, (Range<Int>, NeighborLists) -> Void) throws(Failure) -> Void
    ) throws(Failure) -> RetrievalMetrics? {
        precondition(embeddings.rows == labels.count, "\(embeddings.rows) embeddings for \(labels.count) labels")
        precondition(clusters == nil || clusters!.count == labels.count, "one cluster per sample")
        let classifier = KNNClassifier()
        var accumulator = RetrievalScores.Accumulator(labels: labels)
        var correct = 0
        var abandoned = false
        try search(neighborCount(for: labels), { share in
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
