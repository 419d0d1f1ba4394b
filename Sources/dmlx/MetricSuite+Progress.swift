import DMLXCore
import DMLXEngine

extension MetricSuite {
    /// `evaluate` with a progress bar on stderr (when it is a terminal and not `quiet`):
    /// scoring a large set takes long enough that silence would look like a hang.
    static func evaluate(_ source: String, embeddings: Matrix<Float>, labels: [Int], seed: UInt64, threads: Int,
                         clusters: [Int]? = nil, quiet: Bool) -> RetrievalMetrics {
        let line = ProgressLine(quiet: quiet)
        defer { line.finish() }
        return evaluate(embeddings: embeddings, labels: labels, seed: seed, threads: threads, clusters: clusters) { share in
            line.show("\(source): scoring \(embeddings.rows) points", share: share)
        }
    }
}
