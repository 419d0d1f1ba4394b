import DMLXCore
import Foundation

/// Writes NumPy `.npy` files (format 1.0, little-endian, C order) that `np.load` reads:
/// float32 matrices for embeddings and int64 vectors for labels, as `dmlx export` needs.
public enum NpyWriter {
    public static func write(_ matrix: Matrix<Float>, to path: String) throws {
        var data = header(descr: "<f4", shape: "(\(matrix.rows), \(matrix.cols))")
        matrix.storage.withUnsafeBytes { data.append(contentsOf: $0) }  // host order is little-endian on supported platforms
        try data.write(to: URL(fileURLWithPath: path))
    }

    public static func write(labels: [Int], to path: String) throws {
        var data = header(descr: "<i8", shape: "(\(labels.count),)")
        labels.map { Int64($0).littleEndian }.withUnsafeBytes { data.append(contentsOf: $0) }
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// Magic, version 1.0, header length, then the dict padded with spaces and a newline so
    /// the data starts at a multiple of 64 bytes, as NumPy itself pads.
    private static func header(descr: String, shape: String) -> Data {
        var dictionary = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }"
        let unpadded = NpyHeader.magic.count + 4 + dictionary.utf8.count + 1
        dictionary += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data(NpyHeader.magic + [1, 0])
        let length = UInt16(dictionary.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(dictionary.utf8))
        return data
    }
}
