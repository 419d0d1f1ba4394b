import DMLXCore
import DMLXEngine

extension MetricSuite {
    /// `evaluate` with a progress bar on stderr (when it is a terminal and not `quiet`):
    /// scoring a large set takes long enough that silence would look like a hang.
    static func evaluate(_ source: String, embeddings: Matrix<Float>, labels: [Int], seed: UInt64, threads: Int,
                         clusters: [Int]? = nil, quiet: Bool) -> RetrievalMetrics {
        withProgress(source, points: embeddings.rows, quiet: quiet) { progress in
            evaluate(embeddings: embeddings, labels: labels, seed: seed, threads: threads, clusters: clusters, progress: progress)
        }
    }

    /// `evaluate(index:...)` with the same progress bar.
    static func evaluate(_ source: String, index: NeighborIndex, labels: [Int], seed: UInt64, clusters: [Int]? = nil,
                         quiet: Bool, observer: (Range<Int>, NeighborLists) -> Void = { _, _ in }) throws -> RetrievalMetrics {
        try withProgress(source, points: index.points.rows, quiet: quiet) { progress in
            try evaluate(index: index, labels: labels, seed: seed, clusters: clusters, progress: progress, observer: observer)
        }
    }

    private static func withProgress<Result>(_ source: String, points: Int, quiet: Bool,
                                             _ body: (@escaping (Double) -> Void) throws -> Result) rethrows -> Result {
        let line = ProgressLine(quiet: quiet)
        defer { line.finish() }
        return try body { share in line.show("\(source): scoring \(points) points", share: share) }
    }
}
