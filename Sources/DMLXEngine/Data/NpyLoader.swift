import DMLXCore

/// Reads NumPy `.npy` files (format 1.0, 2.0, 3.0; C order; dtypes f4, f8, i1-i8, u1-u8 of
/// either byte order): a 2-D array as features, a 1-D array (or N×1) as class labels.
///
/// Errors name the byte offset: the header field that is wrong, where the data ends too
/// early, or the first NaN or infinity.
public enum NpyLoader {
    /// A 2-D array as a samples × features matrix; every value must be finite in Float.
    public static func features(path: String) throws -> Matrix<Float> {
        let (header, bytes) = try read(path)
        guard header.shape.count == 2 else {
            throw DatasetError(file: path, position: .byte(8), expected: "a 2-D array (samples × features)",
                               found: "shape \(describe(header.shape))")
        }
        try requireSamples(header, path)
        let values = floats(header, bytes)
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            let (row, column) = bad.quotientAndRemainder(dividingBy: max(header.shape[1], 1))
            throw DatasetError(file: path, position: .byte(header.dataOffset + bad * header.elementType.size),
                               expected: "finite numbers within float32 range",
                               found: "\(values[bad]) at element [\(row), \(column)]")
        }
        return Matrix(rows: header.shape[0], cols: header.shape[1], storage: values)
    }

    /// A 1-D (or N×1) array of integer class labels; float arrays must hold whole numbers.
    public static func labels(path: String) throws -> [Int] {
        let (header, bytes) = try read(path)
        guard header.shape.count == 1 || (header.shape.count == 2 && header.shape[1] == 1) else {
            throw DatasetError(file: path, position: .byte(8), expected: "a 1-D array of labels",
                               found: "shape \(describe(header.shape))")
        }
        try requireSamples(header, path)
        let values = doubles(header, bytes)
        if let bad = values.firstIndex(where: { $0 != $0.rounded() || abs($0) >= 0x1p62 }) {
            throw DatasetError(file: path, position: .byte(header.dataOffset + bad * header.elementType.size),
                               expected: "whole-number class labels", found: "\(values[bad]) at element \(bad)")
        }
        return values.map { Int($0) }
    }

    private static func requireSamples(_ header: NpyHeader, _ path: String) throws {
        guard header.elementCount > 0 else {
            throw DatasetError(file: path, position: .byte(8), expected: "at least one sample and one value",
                               found: "shape \(describe(header.shape))")
        }
    }

    private static func read(_ path: String) throws -> (NpyHeader, [UInt8]) {
        let bytes = try DataFile.read(path)
        let header = try NpyHeader(bytes, file: path)
        let expectedEnd = header.dataOffset + header.elementCount * header.elementType.size
        guard bytes.count >= expectedEnd else {
            throw DatasetError(file: path, position: .byte(bytes.count),
                               expected: "\(header.elementCount * header.elementType.size) bytes of '\(header.elementType.descr)' data for shape \(describe(header.shape)), ending at byte \(expectedEnd)",
                               found: "the end of the file (truncated)")
        }
        guard bytes.count == expectedEnd else {
            throw DatasetError(file: path, position: .byte(expectedEnd),
                               expected: "the end of the file after shape \(describe(header.shape))",
                               found: "\(bytes.count - expectedEnd) more bytes")
        }
        return (header, bytes)
    }

    private static func floats(_ header: NpyHeader, _ bytes: [UInt8]) -> [Float] {
        if header.elementType.kind == .float, header.elementType.size == 4 {
            return decode(header, bytes, as: UInt32.self) { Float(bitPattern: $0) }
        }
        return doubles(header, bytes).map { Float($0) }
    }

    private static func doubles(_ header: NpyHeader, _ bytes: [UInt8]) -> [Double] {
        let type = header.elementType
        switch (type.kind, type.size) {
        case (.float, 4): return decode(header, bytes, as: UInt32.self) { Double(Float(bitPattern: $0)) }
        case (.float, _): return decode(header, bytes, as: UInt64.self) { Double(bitPattern: $0) }
        case (.signed, 1): return decode(header, bytes, as: Int8.self) { Double($0) }
        case (.signed, 2): return decode(header, bytes, as: Int16.self) { Double($0) }
        case (.signed, 4): return decode(header, bytes, as: Int32.self) { Double($0) }
        case (.signed, _): return decode(header, bytes, as: Int64.self) { Double($0) }
        case (.unsigned, 1): return decode(header, bytes, as: UInt8.self) { Double($0) }
        case (.unsigned, 2): return decode(header, bytes, as: UInt16.self) { Double($0) }
        case (.unsigned, 4): return decode(header, bytes, as: UInt32.self) { Double($0) }
        case (.unsigned, _): return decode(header, bytes, as: UInt64.self) { Double($0) }
        }
    }

    /// The elements as `Raw` integers in host order (swapped from big-endian files), converted.
    private static func decode<Raw: FixedWidthInteger, Value>(_ header: NpyHeader, _ bytes: [UInt8], as raw: Raw.Type,
                                                              _ convert: (Raw) -> Value) -> [Value] {
        let count = header.elementCount
        let size = MemoryLayout<Raw>.size
        let swap = header.elementType.bigEndian
        return bytes.withUnsafeBytes { buffer in
            (0..<count).map { index in
                let value = buffer.loadUnaligned(fromByteOffset: header.dataOffset + index * size, as: Raw.self)
                return convert(swap ? value.byteSwapped : value)
            }
        }
    }

    /// A shape as Python prints it: (3,) or (3, 4).
    static func describe(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
