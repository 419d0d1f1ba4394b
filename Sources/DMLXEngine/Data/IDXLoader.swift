import DMLXCore

/// Reads IDX files, the format of MNIST and Fashion-MNIST (LeCun et al.), plain or gzipped:
/// a magic number `00 00 08 NN` (0x08: unsigned bytes, NN: number of dimensions), NN
/// big-endian 32-bit sizes, then the bytes in row-major order. Labels are 1-D
/// (0x00000801), images 3-D (0x00000803, count × height × width).
public enum IDXLoader {
    /// Images as rows of pixels scaled from 0...255 to [0, 1], and their height and width.
    public static func images(path: String) throws -> (features: Matrix<Float>, imageShape: Dataset.ImageShape) {
        let contents = try DataFile.readInflating(path)
        let dimensions = try header(contents, path: path, dimensions: 3, what: "images")
        let offset = 4 + 4 * 3
        let pixels = contents.bytes[offset...].map { Float($0) / 255 }
        return (Matrix(rows: dimensions[0], cols: dimensions[1] * dimensions[2], storage: pixels),
                Dataset.ImageShape(height: dimensions[1], width: dimensions[2]))
    }

    /// Class labels, one unsigned byte each.
    public static func labels(path: String) throws -> [Int] {
        let contents = try DataFile.readInflating(path)
        _ = try header(contents, path: path, dimensions: 1, what: "labels")
        return contents.bytes[8...].map { Int($0) }
    }

    /// An images file and its labels file as one data set; their counts must agree.
    public static func dataset(images imagesPath: String, labels labelsPath: String, name: String,
                               classNames: [Int: String] = [:]) throws -> Dataset {
        let (features, imageShape) = try images(path: imagesPath)
        let labels = try labels(path: labelsPath)
        guard labels.count == features.rows else {
            throw DatasetError(file: labelsPath, position: .byte(4),
                               expected: "\(features.rows) labels, one per image in \(imagesPath)",
                               found: "\(labels.count)")
        }
        return Dataset(name: name, features: features, labels: labels, imageShape: imageShape, classNames: classNames)
    }

    /// Checks magic, dimension count and total length; returns the dimension sizes.
    private static func header(_ contents: DataFile.Contents, path: String, dimensions: Int, what: String) throws -> [Int] {
        let bytes = contents.bytes
        let magic = String(format: "0x000008%02X", dimensions)
        func fail(_ offset: Int, _ expected: String, _ found: String) -> DatasetError {
            DatasetError(file: path, position: contents.position(offset), expected: expected, found: found)
        }
        guard !bytes.isEmpty else { throw fail(0, "IDX magic \(magic) (\(what))", "an empty file") }
        guard bytes.count >= 4 else { throw fail(bytes.count, "a 4-byte IDX magic \(magic)", "the end of the file") }
        let found = bytes[0..<4].reduce(0) { $0 << 8 | UInt32($1) }
        guard found == 0x800 | UInt32(dimensions) else {
            throw fail(0, "IDX magic \(magic) (\(what) of unsigned bytes)", String(format: "0x%08X", found))
        }
        let headerEnd = 4 + 4 * dimensions
        guard bytes.count >= headerEnd else {
            throw fail(bytes.count, "\(dimensions) 4-byte dimension sizes ending at byte \(headerEnd)", "the end of the file")
        }
        let sizes = (0..<dimensions).map { axis in
            bytes[(4 + 4 * axis)..<(8 + 4 * axis)].reduce(0) { $0 << 8 | Int($1) }
        }
        // Saturating, so that corrupt sizes (up to 2³² − 1 each) report truncation instead of trapping.
        let dataLength = sizes.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        let expectedEnd = dataLength > Int.max - headerEnd ? Int.max : headerEnd + dataLength
        let shape = sizes.map(String.init).joined(separator: "×")
        guard bytes.count >= expectedEnd else {
            throw fail(bytes.count, "\(shape) bytes of \(what) ending at byte \(expectedEnd)", "the end of the file (truncated)")
        }
        guard bytes.count == expectedEnd else {
            throw fail(expectedEnd, "the end of the file after \(shape) bytes of \(what)", "\(bytes.count - expectedEnd) more bytes")
        }
        guard sizes.allSatisfy({ $0 > 0 }) else {
            throw fail(4, "at least one sample of non-zero size", "dimensions \(shape)")
        }
        return sizes
    }
}
