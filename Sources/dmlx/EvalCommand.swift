import ArgumentParser
import DMLXCore
import DMLXEngine
import Foundation

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score given embeddings: Recall@K, precision@1, R-precision, MAP@R, NMI, AMI.",
        discussion: """
            Metrics are pytorch-metric-learning's, computed leave-one-out (every embedding is a \
            query, the gallery is every other one, self excluded by index). NMI and AMI compare the \
            labels with a seeded k-means++ clustering (k = number of classes), or with --clusters. \
            Neighbours are exact unless the set is too large for exact search to take seconds, or \
            --index asks for faiss's HNSW or IVF: then every score built on them is marked \
            approximate and the search's recall against exact search (at 10 and at MAP@R's depth, \
            on 1,000 sampled queries) is printed beside them.
            """)

    @Option(help: "Embeddings: .npy (float32/float64, n × d), CSV/TSV (label in the last column unless --labels is given), or any --data source.")
    var embeddings: String

    @Option(help: "Labels: .npy (integers), IDX, or text with one label per line.")
    var labels: String?

    @Option(help: "A clustering to score with NMI/AMI instead of k-means++ (same formats as --labels).")
    var clusters: String?

    @Option(help: "Also print this loss's value on the embeddings (every pair/triplet, no miner, its default reducer).")
    var loss: String?

    @Option(help: "Margin of --loss (default: the loss's own).")
    var margin: Double?

    @Option(help: "Seed of k-means++ (and of proxies for proxy losses).")
    var seed: UInt64 = 0

    @Option(help: "Threads for BLAS and neighbour search.")
    var threads = 2

    @OptionGroup var search: IndexOptions

    @Flag(help: """
        Also score each class: its count, precision@1, R-precision and MAP@R (the mean over its \
        queries, as PML's return_per_class) and the classes its queries' R nearest neighbours \
        retrieve instead (counts and shares of those R-deep lists). Text: a table, worst MAP@R \
        first. JSON: "per_class": {"<label>": {"name" (when named), "count", "precision_at_1", \
        "r_precision", "map_at_r", "confusions": [{"label", "count", "share"}, at most \(PerClassScores.jsonConfusionCount), most \
        first]}}; a class with one sample has null scores.
        """)
    var perClass = false

    @Flag(help: "Print one JSON object.")
    var json = false

    @Flag(help: "No progress bar on stderr.")
    var quiet = false

    func validate() throws {
        try validateThreadCount(threads)
        if let margin, !margin.isFinite { throw ValidationError("--margin must be a finite number (got \(margin))") }
    }

    func run() throws {
        BLAS.threads = 1
        let data = try DatasetCatalog.load(embeddings, labels: labels, seed: seed).train
        guard data.count >= 2 else {
            throw CommandFailure("\(embeddings): expected at least 2 embeddings, found \(data.count)")
        }
        let clustering = try clusters.map { path -> [Int] in
            let assignment = try DatasetCatalog.labels(path: path).labels
            guard assignment.count == data.count else {
                throw CommandFailure("\(path): expected \(data.count) cluster ids (one per embedding), found \(assignment.count)")
            }
            return assignment
        }
        let index = try search.build(data.features, source: embeddings, threads: threads, quiet: quiet)
        var perClassAccumulator = perClass ? PerClassScores.Accumulator(labels: data.labels) : nil
        let metrics = try MetricSuite.evaluate(embeddings, index: index, labels: data.labels, seed: seed, clusters: clustering,
                                               quiet: quiet) { queries, lists in perClassAccumulator?.add(lists, from: queries.lowerBound) }
        let perClassScores = perClassAccumulator?.scores
        let recalls = try recalls(of: index, labels: data.labels)
        let lossValue = try loss.map { try value(ofLoss: $0, on: data) }
        var fields: [(String, JSONValue)] = [("n", .integer(data.count)), ("dim", .integer(data.dimension))]
        fields += metrics.jsonFields
        if let lossValue { fields.append(("loss", .number(lossValue))) }
        fields.append(("neighbor_search", Self.searchRecord(index, recalls: recalls,
                                                            scoredKeys: Self.approximateKeys + (perClass ? ["per_class"] : []))))
        if let perClassScores, json { fields.append(("per_class", perClassScores.json(names: data.classNames))) }
        if json {
            print(JSONValue.object(fields).rendered)
        } else {
            print("\(embeddings): \(data.count) embeddings of dimension \(data.dimension), \(data.classes.count) classes")
            print("neighbours: " + (index.isExact ? "exact" : "approximate, \(index.summary), "
                                    + recalls.map(\.summary).joined(separator: ", ")))
            for (key, value) in fields.dropFirst(2).dropLast() {
                let marked = !index.isExact && Self.approximateKeys.contains(key)
                print(Self.describe(key, value).split(separator: "\n").map { $0 + (marked ? "  (approximate)" : "") }.joined(separator: "\n"))
            }
            if let perClassScores {
                print(Self.perClassTable(perClassScores, names: data.classNames, approximate: !index.isExact))
            }
        }
    }

    /// The scores computed from neighbour lists, approximate when the lists are.
    static let approximateKeys = ["recall_at", "precision_at_1", "r_precision", "map_at_r", "knn_accuracy"]

    /// An approximate index's measured recall at 10 and at the depth the scores search
    /// (MAP@R's R), on 1,000 sampled queries, fewer when lists are so deep that 1,000 of
    /// them would pass 2·10⁷ entries (240 MB; 10⁶ points in 10 classes have R = 10⁵);
    /// none for exact search.
    private func recalls(of index: NeighborIndex, labels: [Int]) throws -> [NeighborRecall] {
        guard !index.isExact else { return [] }
        let depth = MetricSuite.neighborCount(for: labels)
        return try index.measuredRecalls(at: Array(Set([min(10, depth), depth])).sorted(),
                                         sample: max(100, min(1000, 20_000_000 / max(depth, 1))), seed: seed)
    }

    /// `"neighbor_search": {"index": "IVF40,Flat nprobe 4", "approximate": true, "automatic": false,
    /// "approximate_keys": [...], "recall": [{"k": 10, "queries": 1000, "value": 0.97}, ...]}`; the approximate keys are
    /// `scoredKeys`, those built on the neighbour lists, when the index is approximate.
    private static func searchRecord(_ index: NeighborIndex, recalls: [NeighborRecall], scoredKeys: [String]) -> JSONValue {
        .object([
            ("index", .string(index.summary)), ("approximate", .bool(!index.isExact)), ("automatic", .bool(index.isAutomatic)),
            ("approximate_keys", .array(index.isExact ? [] : scoredKeys.map(JSONValue.string))),
            ("recall", .array(recalls.map { .object([("k", .integer($0.k)), ("queries", .integer($0.queries)), ("value", .number($0.value))]) })),
        ])
    }

    /// The loss over every valid tuple of the whole set, as one batch.
    private func value(ofLoss name: String, on data: Dataset) throws -> Double {
        var configuration = LossConfiguration(name: name)
        configuration.margin = margin
        var generator = SeededGenerator(seed: seed).derived(RandomStream.proxyInitialisation.rawValue)
        let lossFunction = try LossRegistry.makeLoss(configuration, classes: data.classes,
                                                     embeddingDimension: data.dimension, generator: &generator)
        return lossFunction.evaluate(embeddings: Matrix<Double>(data.features), labels: data.labels, tuples: nil).value
    }

    private static func describe(_ key: String, _ value: JSONValue) -> String {
        if case .object(let inner) = value {
            return inner.map { "\(key)@\($0.0)".padding(toLength: 16, withPad: " ", startingAt: 0) + $0.1.rendered }.joined(separator: "\n")
        }
        return key.padding(toLength: 16, withPad: " ", startingAt: 0) + value.rendered
    }
}
