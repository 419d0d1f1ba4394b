import DMLXCore

/// Reads IDX files, the format of MNIST and Fashion-MNIST (LeCun et al.), plain or gzipped:
/// a magic number `00 00 08 NN` (0x08: unsigned bytes, NN: number of dimensions), NN
/// big-endian 32-bit sizes, then the bytes in row-major order. Labels are 1-D
/// (0x00000801), images 3-D (0x00000803, count × height × width).
public enum IDXLoader {
    /// The most data an IDX file may declare: 2³⁰ bytes (4 GiB once pixels are floats),
    /// twenty times Fashion-MNIST's 47 MB of training images. A header beyond it is an
    /// error before anything is inflated or allocated.
    public static let maximumDataLength = 1 << 30

    /// Images as rows of pixels scaled from 0...255 to [0, 1], and their height and width.
    public static func images(path: String) throws -> (features: Matrix<Float>, imageShape: Dataset.ImageShape) {
        let (bytes, dimensions) = try read(path, dimensions: 3, what: "images")
        let offset = 4 + 4 * 3
        let pixels = bytes[offset...].map { Float($0) / 255 }
        return (Matrix(rows: dimensions[0], cols: dimensions[1] * dimensions[2], storage: pixels),
                Dataset.ImageShape(height: dimensions[1], width: dimensions[2]))
    }

    /// Class labels, one unsigned byte each.
    public static func labels(path: String) throws -> [Int] {
        let (bytes, _) = try read(path, dimensions: 1, what: "labels")
        return bytes[8...].map { Int($0) }
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

    /// The file's bytes (inflated) and its dimension sizes, after checking magic, sizes and
    /// total length. A gzipped file is checked as it inflates: once the header is out, the
    /// stream may not grow past the length the header declares, so a small file that
    /// inflates to gigabytes (a gzip bomb) stops within a chunk of that length.
    private static func read(_ path: String, dimensions: Int, what: String) throws -> (bytes: [UInt8], sizes: [Int]) {
        let contents = try DataFile.readInflating(path) { inflated in
            try declaredSizes(inflated, dimensions: dimensions, what: what) { offset, expected, found in
                DatasetError(file: path, position: .decompressedByte(offset), expected: expected, found: found)
            }.map(dataEnd)
        }
        let bytes = contents.bytes
        func fail(_ offset: Int, _ expected: String, _ found: String) -> DatasetError {
            DatasetError(file: path, position: contents.position(offset), expected: expected, found: found)
        }
        let magic = String(format: "0x000008%02X", dimensions)
        guard !bytes.isEmpty else { throw fail(0, "IDX magic \(magic) (\(what))", "an empty file") }
        guard let sizes = try declaredSizes(bytes, dimensions: dimensions, what: what, fail: fail) else {
            throw bytes.count < 4
                ? fail(bytes.count, "a 4-byte IDX magic \(magic)", "the end of the file")
                : fail(bytes.count, "\(dimensions) 4-byte dimension sizes ending at byte \(4 + 4 * dimensions)", "the end of the file")
        }
        let expectedEnd = dataEnd(sizes)
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
        return (bytes, sizes)
    }

    /// The dimension sizes at the start of `bytes` once magic and sizes are there (nil
    /// before), after checking the magic and that the data they declare stays within
    /// `maximumDataLength`.
    private static func declaredSizes(_ bytes: [UInt8], dimensions: Int, what: String,
                                      fail: (Int, String, String) -> DatasetError) throws -> [Int]? {
        guard bytes.count >= 4 else { return nil }
        let found = bytes[0..<4].reduce(0) { $0 << 8 | UInt32($1) }
        guard found == 0x800 | UInt32(dimensions) else {
            throw fail(0, String(format: "IDX magic 0x000008%02X (%@ of unsigned bytes)", dimensions, what), String(format: "0x%08X", found))
        }
        guard bytes.count >= 4 + 4 * dimensions else { return nil }
        let sizes = (0..<dimensions).map { axis in
            bytes[(4 + 4 * axis)..<(8 + 4 * axis)].reduce(0) { $0 << 8 | Int($1) }
        }
        // Saturating: each size may be up to 2³² − 1, and their product must not trap.
        let dataLength = sizes.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        guard dataLength <= maximumDataLength else {
            throw fail(4, "at most \(maximumDataLength) bytes of \(what)",
                       "dimensions \(sizes.map(String.init).joined(separator: "×")), \(dataLength == Int.max ? "more than 2⁶³" : String(dataLength)) bytes")
        }
        return sizes
    }

    /// Where the data of an IDX file with these dimension sizes ends.
    private static func dataEnd(_ sizes: [Int]) -> Int {
        4 + 4 * sizes.count + sizes.reduce(1, *)
    }
}
