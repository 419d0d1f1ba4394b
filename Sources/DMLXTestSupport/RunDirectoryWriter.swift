import DMLXCore
import DMLXEngine
import Foundation

/// Writes one run of a run directory the way python/dmlx_record's recorder does (the
/// format of `RunDirectoryFormat`), step by step, so tests can follow a run as it grows
/// and break it on purpose. Shares no code with the reader.
public struct RunDirectoryWriter {
    public let run: URL

    /// Creates `directory/name` with its run.json.
    public init(directory: URL, name: String, configuration: String = "{}", created: Double = Date().timeIntervalSince1970) throws {
        run = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: run.appendingPathComponent("epochs"), withIntermediateDirectories: true)
        try Data(#"{"format": "dmlx-run", "version": 1, "name": "\#(name)", "config": \#(configuration), "created": \#(created)}"#.utf8)
            .write(to: run.appendingPathComponent("run.json"))
    }

    /// Appends batch lines as given (a test may leave the last without its newline).
    public func appendBatches(_ text: String) throws {
        let url = run.appendingPathComponent("batches.jsonl")
        try FileManager.default.append(Data(text.utf8), to: url)
    }

    /// Appends one batch line.
    public func batch(epoch: Int, loss: Double, time: Double = Date().timeIntervalSince1970) throws {
        try appendBatches(#"{"epoch": \#(epoch), "batch": 0, "loss": \#(loss), "time": \#(time)}"# + "\n")
    }

    /// Writes an epoch under a hidden name; `publish` renames it into place (as the
    /// recorder does once every file is written).
    @discardableResult
    public func epoch(_ epoch: Int, embeddings: Matrix<Float>, labels: [Int], proxies: Matrix<Float>? = nil,
                      record: String? = nil, publish: Bool = true) throws -> URL {
        let name = RunDirectoryFormat.epochDirectoryName(epoch)
        let staging = run.appendingPathComponent("epochs/.\(name).tmp-1")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try NpyWriter.write(embeddings, to: staging.appendingPathComponent("embeddings.npy").path)
        try NpyWriter.write(labels: labels, to: staging.appendingPathComponent("labels.npy").path)
        if let proxies { try NpyWriter.write(proxies, to: staging.appendingPathComponent("proxies.npy").path) }
        let text = record ?? #"{"epoch": \#(epoch), "time": \#(Date().timeIntervalSince1970), "statistics": {"active": 3}}"#
        try Data(text.utf8).write(to: staging.appendingPathComponent("record.json"))
        guard publish else { return staging }
        let final = run.appendingPathComponent("epochs/\(name)")
        try FileManager.default.moveItem(at: staging, to: final)
        return final
    }

    public func close(error: String? = nil) throws {
        let errorField = error.map { #", "error": "\#($0)""# } ?? ""
        try Data(#"{"time": \#(Date().timeIntervalSince1970), "epochs": null\#(errorField)}"#.utf8)
            .write(to: run.appendingPathComponent("closed.json"))
    }
}
