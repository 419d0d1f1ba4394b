import Foundation

/// One run of a run directory (`RunDirectoryFormat`) as its writer has written it so far,
/// followed by `refresh()`: batch losses read line by line as they are appended (a last
/// line without its newline is left for the next refresh), epochs known by their
/// directories (loaded on demand by `loadEpoch`), and whether the writer has closed the
/// run. Temporaries (names with a leading dot) are never read, so a half-written epoch is
/// never seen.
public struct RecordedRun: Sendable {
    public struct Batch: Sendable, Equatable {
        public var epoch: Int
        public var loss: Double?
        public var time: Double
    }

    /// How the writer ended the run.
    public struct Closing: Sendable, Equatable {
        public var time: Double
        /// Why it ended, when it ended by an error (an exception in the training script).
        public var error: String?
    }

    public let name: String
    public let directory: URL
    /// The run's configuration as the writer gave it, compact JSON.
    public let configuration: String
    /// Unix seconds when the writer created the run.
    public let created: Double
    public private(set) var batches: [Batch] = []
    /// The epochs published so far, ascending.
    public private(set) var epochs: [Int] = []
    public private(set) var closing: Closing?
    /// Unix seconds of the newest change seen (the writer's last sign of life).
    public private(set) var lastChange: Double
    /// Bytes of `batches.jsonl` already read.
    private var batchOffset: UInt64 = 0

    /// Opens the run in `directory`, checking its `run.json`.
    public init(directory: URL) throws {
        let header = try RecordedJSON.object(at: directory.appendingPathComponent(RunDirectoryFormat.runFile))
        let runFile = directory.appendingPathComponent(RunDirectoryFormat.runFile).path
        guard header["format"] as? String == RunDirectoryFormat.format else {
            throw DatasetError(file: runFile, position: .none, expected: "\"format\": \"\(RunDirectoryFormat.format)\"")
        }
        guard let version = header["version"] as? Int, version == RunDirectoryFormat.version else {
            throw DatasetError(file: runFile, position: .none, expected: "format version \(RunDirectoryFormat.version)",
                               found: header["version"].map { "\($0)" })
        }
        self.directory = directory
        name = header["name"] as? String ?? directory.lastPathComponent
        let configuration = header["config"] ?? [String: Any]()
        self.configuration = (try? JSONSerialization.data(withJSONObject: configuration, options: [.sortedKeys]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        created = (header["created"] as? NSNumber)?.doubleValue ?? 0
        lastChange = created
    }

    public var isClosed: Bool { closing != nil }

    /// Reads what the writer has added since the last refresh. Problems (a malformed batch
    /// line, an unreadable closed.json) are returned, each naming its file, and skipped.
    public mutating func refresh() -> [String] {
        var problems = readBatches()
        let epochsURL = directory.appendingPathComponent(RunDirectoryFormat.epochsDirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: epochsURL.path)) ?? []
        let found = names.compactMap(RunDirectoryFormat.epoch(ofDirectoryName:)).sorted()
        if found != epochs {
            epochs = found
            noteChange(epochsURL)
        }
        let closedURL = directory.appendingPathComponent(RunDirectoryFormat.closedFile)
        if closing == nil, FileManager.default.fileExists(atPath: closedURL.path) {
            do {
                let closed = try RecordedJSON.object(at: closedURL)
                closing = Closing(time: (closed["time"] as? NSNumber)?.doubleValue ?? 0, error: closed["error"] as? String)
                noteChange(closedURL)
            } catch {
                problems.append(String(describing: error))
            }
        }
        return problems
    }

    /// Whether the writer has gone quiet: not closed and nothing new for `seconds`.
    public func isStalled(after seconds: Double, now: Double = Date().timeIntervalSince1970) -> Bool {
        !isClosed && now - lastChange > seconds
    }

    /// The batches recorded for `epoch`.
    public func batches(ofEpoch epoch: Int) -> [Batch] { batches.filter { $0.epoch == epoch } }

    /// Reads epoch `epoch` (one of `epochs`).
    public func loadEpoch(_ epoch: Int) throws -> RecordedEpoch {
        try RecordedEpoch.load(RunDirectoryFormat.epochDirectory(epoch, ofRun: directory))
    }

    /// New complete lines of batches.jsonl.
    private mutating func readBatches() -> [String] {
        let url = directory.appendingPathComponent(RunDirectoryFormat.batchesFile)
        guard let handle = try? FileHandle(forReadingFrom: url) else { return [] }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: batchOffset)) != nil, let data = try? handle.readToEnd(), !data.isEmpty,
              let lastNewline = data.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
        let complete = data[data.startIndex...lastNewline]
        let firstLine = batches.count + 1
        batchOffset += UInt64(complete.count)
        var problems: [String] = []
        for (offset, line) in complete.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any],
                  let epoch = object["epoch"] as? Int else {
                problems.append("\(url.path): line \(firstLine + offset): expected a JSON object with an integer \"epoch\"")
                continue
            }
            batches.append(Batch(epoch: epoch, loss: (object["loss"] as? NSNumber)?.doubleValue,
                                 time: (object["time"] as? NSNumber)?.doubleValue ?? 0))
        }
        noteChange(url)
        return problems
    }

    private mutating func noteChange(_ url: URL) {
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)??.timeIntervalSince1970
        lastChange = max(lastChange, modified ?? Date().timeIntervalSince1970)
    }
}
