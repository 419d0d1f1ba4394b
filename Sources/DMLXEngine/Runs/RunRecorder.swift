import DMLXCore
import Foundation

/// Writes one run trained here into a run directory (`RunDirectoryFormat`, version 1), as
/// python/dmlx_record's recorder writes a PyTorch run, so that `dmlx watch` (and
/// `RecordedRun`, the one reader) opens dmlx's own runs too: `run.json` when the run is
/// created, then per epoch its batch losses appended to `batches.jsonl` and its test
/// embeddings, labels, proxies and record written under a hidden name and renamed into
/// place whole (a reader never sees half an epoch), and `closed.json` when it ends.
///
/// An epoch's "time" is the run's creation time plus its cumulative training seconds, so
/// a reader's per-epoch seconds (differences of times) are the run's own training
/// seconds, not the wall clock's (which pacing and evaluation stretch). Embeddings and
/// proxies read back bit for bit; JSON numbers are written in Swift's shortest
/// round-trip form, which Foundation's parser on Linux may read back a unit in the last
/// place off (the dashboard keeps its own scalars in memory and never reads them back).
public struct RunRecorder: Sendable {
    /// `DIR/<name>`, the run's own directory.
    public let directory: URL
    /// The test split's labels, written with every epoch (`labels.npy`).
    public let labels: [Int]
    public let created: Double

    /// Creates the run `name` in `parent` (created if need be) with its `run.json`;
    /// `configuration` is the run's configuration as JSON. A run of that name already
    /// there is an error naming its file: one directory, one run.
    public init(directory parent: URL, name: String, configuration: String, labels: [Int],
                created: Double = Date().timeIntervalSince1970) throws {
        directory = parent.appendingPathComponent(name)
        self.labels = labels
        self.created = created
        let runFile = directory.appendingPathComponent(RunDirectoryFormat.runFile)
        guard !FileManager.default.fileExists(atPath: runFile.path) else {
            throw DatasetError(file: runFile.path, position: .none, expected: "a directory without a run named \(name) (each run is recorded once)",
                               found: "a run recorded before")
        }
        try Self.writing(directory.path) {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(RunDirectoryFormat.epochsDirectory),
                                                    withIntermediateDirectories: true)
        }
        let header = JSONValue.object([("format", .string(RunDirectoryFormat.format)), ("version", .integer(RunDirectoryFormat.version)),
                                       ("name", .string(name)), ("config", .encoded(configuration)), ("created", Self.exact(created))])
        try writeInPlace(Data(header.rendered.utf8), to: runFile)
    }

    /// The directory of `epoch` once recorded.
    public func epochDirectory(_ epoch: Int) -> URL { RunDirectoryFormat.epochDirectory(epoch, ofRun: directory) }

    /// Records `snapshot`, which must carry its embeddings: its batch losses, then its
    /// epoch directory, renamed into place. Returns that directory.
    @discardableResult
    public func record(_ snapshot: EpochSnapshot) throws -> URL {
        guard let embeddings = snapshot.embeddings else {
            throw DatasetError(file: directory.path, position: .none, expected: "epoch \(snapshot.epoch)'s embeddings to record",
                               found: "a snapshot without them")
        }
        let time = created + snapshot.cumulativeTrainSeconds
        try appendBatches(snapshot.batchLosses, epoch: snapshot.epoch, time: time)
        let final = epochDirectory(snapshot.epoch)
        let staging = final.deletingLastPathComponent().appendingPathComponent(".\(final.lastPathComponent).tmp-\(getpid())")
        try? FileManager.default.removeItem(at: staging)
        try Self.writing(staging.path) {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            try NpyWriter.write(embeddings, to: staging.appendingPathComponent("embeddings.npy").path)
            try NpyWriter.write(labels: labels, to: staging.appendingPathComponent("labels.npy").path)
            if let proxies = snapshot.proxies {
                try NpyWriter.write(proxies, to: staging.appendingPathComponent("proxies.npy").path)
                if let proxyLabels = snapshot.proxyLabels {
                    try NpyWriter.write(labels: proxyLabels, to: staging.appendingPathComponent("proxy_labels.npy").path)
                }
            }
            let statistics = snapshot.statistics.sorted { $0.key < $1.key }.filter(\.value.isFinite).map { ($0.key, Self.exact($0.value)) }
            var fields: [(String, JSONValue)] = [("epoch", .integer(snapshot.epoch)), ("time", Self.exact(time))]
            if let loss = snapshot.loss { fields.append(("loss", Self.exact(loss))) }
            fields.append(("statistics", .object(statistics)))
            try Data(JSONValue.object(fields).rendered.utf8).write(to: staging.appendingPathComponent(RunDirectoryFormat.recordFile))
            try FileManager.default.moveItem(at: staging, to: final)
        }
        return final
    }

    /// Writes `closed.json`: the run has ended after `epochs` epochs, by `error` if given.
    public func close(epochs: Int, error: String? = nil, time: Double = Date().timeIntervalSince1970) throws {
        var fields: [(String, JSONValue)] = [("time", Self.exact(time)), ("epochs", .integer(epochs))]
        if let error { fields.append(("error", .string(error))) }
        try writeInPlace(Data(JSONValue.object(fields).rendered.utf8), to: directory.appendingPathComponent(RunDirectoryFormat.closedFile))
    }

    /// Takes back `closed.json`: a finished run trains further.
    public func reopen() {
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(RunDirectoryFormat.closedFile))
    }

    /// One line per batch; a non-finite loss is null, as JSON cannot carry it.
    private func appendBatches(_ losses: [Double], epoch: Int, time: Double) throws {
        guard !losses.isEmpty else { return }
        let url = directory.appendingPathComponent(RunDirectoryFormat.batchesFile)
        let lines = losses.enumerated().map { batch, loss in
            JSONValue.object([("epoch", .integer(epoch)), ("batch", .integer(batch)), ("loss", Self.exact(loss)), ("time", Self.exact(time))])
                .rendered + "\n"
        }.joined()
        try Self.writing(url.path) { try FileManager.default.append(Data(lines.utf8), to: url) }
    }

    /// Writes `data` beside `url` under a hidden name and renames it into place.
    private func writeInPlace(_ data: Data, to url: URL) throws {
        let staging = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try Self.writing(url.path) {
            try data.write(to: staging)
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.moveItem(at: staging, to: url)
        }
    }

    /// Runs `body`, turning a file system's error into one that names `path`.
    private static func writing(_ path: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as DatasetError {
            throw error
        } catch {
            throw DatasetError(file: path, position: .none, expected: "a writable place for the run's history", found: error.localizedDescription)
        }
    }

    /// `value` in Swift's shortest round-trip notation, which JSON reads back exactly;
    /// null when not finite.
    private static func exact(_ value: Double) -> JSONValue {
        value.isFinite ? .encoded(String(describing: value)) : .null
    }
}
