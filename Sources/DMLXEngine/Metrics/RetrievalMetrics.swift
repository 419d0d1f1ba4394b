/// Retrieval and clustering quality of an embedding, as pytorch-metric-learning's
/// AccuracyCalculator defines them, computed leave-one-out on one set (every sample is
/// a query; the gallery is every other sample). `MetricSuite.evaluate` fills it; the
/// definitions are documented on `RetrievalScores`, `ClusteringScores` and
/// `KNNClassifier`. Queries whose class has no other member are left out of the
/// retrieval scores (NaN when no query is left), as in PML.
public struct RetrievalMetrics: Sendable, Codable, Equatable {
    /// The K of Recall@K reported everywhere: 1, 2, 4, 8 (as in the Proxy-NCA paper).
    public static let recallKs = [1, 2, 4, 8]

    /// Recall@K: the fraction of queries with at least one same-class sample among their
    /// K nearest others, for K in `recallKs`.
    public var recallAt: [Int: Double]
    public var precisionAt1: Double
    public var rPrecision: Double
    public var mapAtR: Double
    public var nmi: Double
    public var ami: Double
    /// Leave-one-out k-NN classification accuracy (majority vote of the k nearest,
    /// k = `KNNClassifier.defaultK` = 3, ties to the label met first).
    public var knnAccuracy: Double

    public init(recallAt: [Int: Double], precisionAt1: Double, rPrecision: Double, mapAtR: Double,
                nmi: Double, ami: Double, knnAccuracy: Double) {
        self.recallAt = recallAt
        self.precisionAt1 = precisionAt1
        self.rPrecision = rPrecision
        self.mapAtR = mapAtR
        self.nmi = nmi
        self.ami = ami
        self.knnAccuracy = knnAccuracy
    }
}

extension RetrievalMetrics {
    /// Every metric unknown (NaN, drawn as "-"): the metrics of embeddings still being scored.
    public static let unknown = RetrievalMetrics(
        recallAt: Dictionary(uniqueKeysWithValues: recallKs.map { ($0, Double.nan) }), precisionAt1: .nan,
        rPrecision: .nan, mapAtR: .nan, nmi: .nan, ami: .nan, knnAccuracy: .nan)
}
