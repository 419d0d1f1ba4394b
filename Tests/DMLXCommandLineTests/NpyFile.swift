/// NumPy `.npy` files (format 1.0) built by hand, independently of dmlx's reader and
/// writer: the magic, the version, a little-endian header length, and a Python dict
/// padded with spaces and a newline so that the data starts at a multiple of 64.
enum NpyFile {
    static func bytes(descr: String, shape: [Int], data: [UInt8]) -> [UInt8] {
        let dimensions = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = Array("{'descr': '\(descr)', 'fortran_order': False, 'shape': \(dimensions), }".utf8)
        let padding = (64 - (10 + header.count + 1) % 64) % 64
        header += Array(repeating: UInt8(ascii: " "), count: padding) + [UInt8(ascii: "\n")]
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)] + header + data
    }

    /// A rows × cols float32 matrix.
    static func float32(rows: Int, cols: Int, _ values: [Float]) -> [UInt8] {
        bytes(descr: "<f4", shape: [rows, cols], data: values.flatMap { littleEndian($0.bitPattern) })
    }

    static func int64(_ values: [Int64]) -> [UInt8] {
        bytes(descr: "<i8", shape: [values.count], data: values.flatMap { littleEndian(UInt64(bitPattern: $0)) })
    }

    private static func littleEndian<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
        (0..<Value.bitWidth / 8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }
}
