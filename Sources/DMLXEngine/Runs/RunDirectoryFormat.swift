import Foundation

/// The run-directory format, version 1, written by the Python recorder
/// (`python/dmlx_record/format.py`, which documents it) and read by `RecordedRun`:
///
///     DIR/<name>/run.json            {"format": "dmlx-run", "version": 1, "name", "config", "created"}
///     DIR/<name>/batches.jsonl       one line per batch {"epoch", "batch", "loss", "time"}
///     DIR/<name>/epochs/000003/      one epoch, renamed into place whole:
///         record.json                {"epoch", "time", "loss"?, "statistics"}
///         embeddings.npy, labels.npy, proxies.npy?, proxy_labels.npy?
///     DIR/<name>/closed.json         {"time", "epochs", "error"?}
///
/// Names starting with a dot are a writer's temporaries and are never read.
public enum RunDirectoryFormat {
    public static let format = "dmlx-run"
    public static let version = 1
    public static let runFile = "run.json"
    public static let batchesFile = "batches.jsonl"
    public static let epochsDirectory = "epochs"
    public static let recordFile = "record.json"
    public static let closedFile = "closed.json"

    /// The directory name of `epoch`: six digits, so names sort as numbers.
    public static func epochDirectoryName(_ epoch: Int) -> String {
        let digits = String(epoch)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Where epoch `epoch` of the run in `run` (`DIR/<name>`) lives once published.
    public static func epochDirectory(_ epoch: Int, ofRun run: URL) -> URL {
        run.appendingPathComponent(epochsDirectory).appendingPathComponent(epochDirectoryName(epoch))
    }

    /// The epoch a directory name stands for, nil for anything else (temporaries included).
    public static func epoch(ofDirectoryName name: String) -> Int? {
        guard name.count >= 6, name.allSatisfy(\.isASCII), name.allSatisfy(\.isNumber) else { return nil }
        return Int(name)
    }
}
