import Foundation

extension FileManager {
    /// Appends `data` to the file at `url`, creating the file when it does not exist
    /// (a run's batches.jsonl grows a line at a time, never rewritten).
    public func append(_ data: Data, to url: URL) throws {
        if !fileExists(atPath: url.path), !createFile(atPath: url.path, contents: nil) {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: data)
    }
}
