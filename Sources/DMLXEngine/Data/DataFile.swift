import Foundation

/// Reads data files whole, inflating gzip transparently (detected by the magic bytes
/// 1f 8b, not by the name, so `images.gz` that is really plain still loads).
enum DataFile {
    /// The bytes of a file, and whether they came out of a gzip stream (so positions in
    /// error messages can say they refer to the decompressed data).
    struct Contents {
        var bytes: [UInt8]
        var wasCompressed: Bool

        /// The position of `offset` in these bytes, as an error message should name it.
        func position(_ offset: Int) -> DatasetError.Position {
            wasCompressed ? .decompressedByte(offset) : .byte(offset)
        }
    }

    /// The raw bytes of `path`; a missing or unreadable file is a `DatasetError`.
    static func read(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DatasetError(file: path, position: .none, expected: "an existing file", found: "nothing at that path")
        }
        guard !isDirectory.boolValue else {
            throw DatasetError(file: path, position: .none, expected: "a file", found: "a directory")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetError(file: path, position: .none, expected: "a readable file", found: "no read permission")
        }
        return [UInt8](data)
    }

    /// The bytes of `path`, inflated if the file is gzip-compressed; `declaredLength` bounds
    /// the inflated length as soon as the data's own header tells it (see `Gzip.inflate`).
    static func readInflating(_ path: String, declaredLength: ([UInt8]) throws -> Int?) throws -> Contents {
        let raw = try read(path)
        guard Gzip.isCompressed(raw) else { return Contents(bytes: raw, wasCompressed: false) }
        return Contents(bytes: try Gzip.inflate(raw, file: path, declaredLength: declaredLength), wasCompressed: true)
    }
}
