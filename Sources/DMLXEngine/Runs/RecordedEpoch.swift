import DMLXCore
import Foundation

/// One epoch of a recorded run as read back from its directory: the test split's
/// embeddings and labels, proxies when the loss has them, and what the writer said of the
/// epoch. Reading checks everything a record must hold together (row counts, proxy width,
/// finite values) and names the file at fault.
public struct RecordedEpoch: Sendable {
    public var epoch: Int
    /// Unix seconds when the writer recorded it.
    public var time: Double
    public var loss: Double?
    public var statistics: [String: Double]
    public var embeddings: Matrix<Float>
    public var labels: [Int]
    public var proxies: Matrix<Float>?
    public var proxyLabels: [Int]?

    /// Reads the epoch directory `directory`.
    public static func load(_ directory: URL) throws -> RecordedEpoch {
        let file = { (name: String) in directory.appendingPathComponent(name) }
        let record = try RecordedJSON.object(at: file(RunDirectoryFormat.recordFile))
        guard let epoch = record["epoch"] as? Int, let time = (record["time"] as? NSNumber)?.doubleValue else {
            throw DatasetError(file: file(RunDirectoryFormat.recordFile).path, position: .none,
                               expected: "an object with an integer \"epoch\" and a number \"time\"")
        }
        let embeddings = try NpyLoader.features(path: file("embeddings.npy").path)
        let labels = try NpyLoader.labels(path: file("labels.npy").path)
        guard labels.count == embeddings.rows else {
            throw DatasetError(file: file("labels.npy").path, position: .none,
                               expected: "\(embeddings.rows) labels, one per embedding", found: "\(labels.count)")
        }
        var proxies: Matrix<Float>?
        var proxyLabels: [Int]?
        if FileManager.default.fileExists(atPath: file("proxies.npy").path) {
            let table = try NpyLoader.features(path: file("proxies.npy").path)
            guard table.cols == embeddings.cols else {
                throw DatasetError(file: file("proxies.npy").path, position: .none,
                                   expected: "proxies of \(embeddings.cols) columns", found: "\(table.cols)")
            }
            proxies = table
            if FileManager.default.fileExists(atPath: file("proxy_labels.npy").path) {
                proxyLabels = try NpyLoader.labels(path: file("proxy_labels.npy").path)
                guard proxyLabels?.count == table.rows else {
                    throw DatasetError(file: file("proxy_labels.npy").path, position: .none,
                                       expected: "\(table.rows) labels, one per proxy", found: "\(proxyLabels?.count ?? 0)")
                }
            }
        }
        let statistics = (record["statistics"] as? [String: Any] ?? [:]).compactMapValues { ($0 as? NSNumber)?.doubleValue }
        return RecordedEpoch(epoch: epoch, time: time, loss: (record["loss"] as? NSNumber)?.doubleValue,
                             statistics: statistics, embeddings: embeddings, labels: labels, proxies: proxies,
                             proxyLabels: proxyLabels)
    }
}
