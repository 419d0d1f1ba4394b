import DMLXCore
import Foundation

/// Everything needed to continue a run exactly or to use its model: configuration,
/// weights and proxies, optimizer state, the standardisation of the inputs, the history
/// of every epoch, and a `--patience` run's early-stopping state.
///
/// Stored as JSON (readable by anything) with tensors as base64 of little-endian
/// float32, so values round-trip bit for bit. Written atomically (a temporary file in
/// the same directory, then `rename`), so an interrupted save never leaves a torn file.
public struct Checkpoint: Codable, Sendable {
    /// Raised whenever the layout changes incompatibly; readers reject other versions.
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var configuration: TrainingConfiguration
    public var epoch: Int
    public var inputDimension: Int
    public var standardizer: Standardizer?
    public var parameters: [SavedTensor]
    public var optimizerStep: Int
    /// Optimizer state vectors, named "<parameter>#<slot>".
    public var optimizerSlots: [SavedTensor]
    public var history: [EpochRecord]
    /// The `--patience` rule's state; nil for runs without it (and those saved before it existed).
    public var earlyStopping: SavedEarlyStopping?

    init(configuration: TrainingConfiguration, epoch: Int, inputDimension: Int, standardizer: Standardizer?,
         parameters: [SavedTensor], optimizerStep: Int = 0, optimizerSlots: [SavedTensor] = [], history: [EpochRecord],
         earlyStopping: SavedEarlyStopping? = nil) {
        formatVersion = Self.currentFormatVersion
        self.configuration = configuration
        self.epoch = epoch
        self.inputDimension = inputDimension
        self.standardizer = standardizer
        self.parameters = parameters
        self.optimizerStep = optimizerStep
        self.optimizerSlots = optimizerSlots
        self.history = history
        self.earlyStopping = earlyStopping
    }

    /// The epoch whose model `parameters` hold: a `--patience` run that has stopped keeps
    /// its best epoch's, any other run its newest.
    public var modelEpoch: Int {
        earlyStopping.flatMap { $0.stoppedAt != nil ? $0.bestEpoch : nil } ?? epoch
    }

    /// Reads and validates a checkpoint (`validate(file:)`), naming the file in every error.
    public static func read(from url: URL) throws -> Checkpoint {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: url)
        } catch {
            throw CheckpointError(file: url.path, problem: "cannot be read (\(error.localizedDescription))")
        }
        let checkpoint: Checkpoint
        do {
            checkpoint = try JSONDecoder().decode(Checkpoint.self, from: bytes)
        } catch {
            throw CheckpointError(file: url.path, problem: "is not a dmlx checkpoint (\(Self.describe(error)))")
        }
        try checkpoint.validate(file: url.path)
        return checkpoint
    }

    /// Writes the checkpoint atomically.
    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = try encoder.encode(self)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try bytes.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw CheckpointError(file: url.path, problem: "cannot be replaced (\(String(cString: strerror(errno))))")
            }
        } catch let error as CheckpointError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CheckpointError(file: url.path, problem: "cannot be written (\(error.localizedDescription))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.keyNotFound(_, let context),
             DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "at \(path): \(context.debugDescription)"
        default:
            return String(describing: error)
        }
    }
}

/// A checkpoint that cannot be read, written or used.
public struct CheckpointError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var problem: String
    public var description: String { "\(file): \(problem)" }
}
