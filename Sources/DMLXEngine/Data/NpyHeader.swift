/// The header of a NumPy `.npy` file (format versions 1.0, 2.0 and 3.0, see
/// numpy.lib.format): the magic `\x93NUMPY`, the version, the header length (2 bytes
/// little-endian in 1.0, 4 bytes from 2.0 on), then a Python dict literal such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (1797, 64), }`.
struct NpyHeader: Equatable {
    /// A simple (non-structured) NumPy dtype.
    struct ElementType: Equatable {
        enum Kind: Equatable { case float, signed, unsigned }
        var kind: Kind
        var size: Int
        var bigEndian: Bool
        var descr: String

        /// Parses `'<f4'`-style descriptors: byte order `<`, `>`, `|` or `=`, kind
        /// f/i/u, size in bytes. nil for anything else (structured, bool, complex, f2).
        init?(descr: String) {
            let characters = Array(descr)
            guard characters.count >= 3, let size = Int(String(characters[2...])) else { return nil }
            switch characters[0] {
            case "<", "|", "=": bigEndian = false
            case ">": bigEndian = true
            default: return nil
            }
            switch (characters[1], size) {
            case ("f", 4), ("f", 8): kind = .float
            case ("i", 1), ("i", 2), ("i", 4), ("i", 8): kind = .signed
            case ("u", 1), ("u", 2), ("u", 4), ("u", 8): kind = .unsigned
            default: return nil
            }
            self.size = size
            self.descr = descr
        }
    }

    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY

    var elementType: ElementType
    var shape: [Int]
    /// Where the array's bytes start (header length included, a multiple of 16 or 64).
    var dataOffset: Int

    var elementCount: Int { shape.reduce(1, *) }

    /// The header at the start of `bytes`, from `file` (named in errors).
    init(_ bytes: [UInt8], file: String) throws {
        func fail(_ offset: Int, _ expected: String, _ found: String? = nil) -> DatasetError {
            DatasetError(file: file, position: .byte(offset), expected: expected, found: found)
        }
        guard !bytes.isEmpty else { throw fail(0, "the NumPy magic \\x93NUMPY", "an empty file") }
        guard bytes.starts(with: Self.magic) else {
            throw fail(0, "the NumPy magic \\x93NUMPY", "\(bytes.prefix(6).map { String($0, radix: 16) }.joined(separator: " ")) (not a .npy file)")
        }
        guard bytes.count >= 10 else { throw fail(bytes.count, "a version and header length", "the end of the file") }
        let major = bytes[6]
        guard (1...3).contains(major) else { throw fail(6, "format version 1, 2 or 3", "version \(major).\(bytes[7])") }
        let lengthBytes = major == 1 ? 2 : 4
        let headerStart = 8 + lengthBytes
        guard bytes.count >= headerStart else { throw fail(bytes.count, "a \(lengthBytes)-byte header length", "the end of the file") }
        let headerLength = bytes[8..<headerStart].reversed().reduce(0) { $0 << 8 | Int($1) }
        guard bytes.count >= headerStart + headerLength else {
            throw fail(bytes.count, "a header of \(headerLength) bytes ending at byte \(headerStart + headerLength)", "the end of the file")
        }
        var parser = NpyHeaderDictionary(bytes: bytes[headerStart..<(headerStart + headerLength)], file: file)
        let entries = try parser.parse()
        guard case .text(let descr)? = entries["descr"] else { throw fail(headerStart, "a 'descr' string in the header") }
        guard let elementType = ElementType(descr: descr) else {
            throw fail(headerStart, "dtype <f4, <f8, <i1..<i8 or |u1..<u8", "'\(descr)'")
        }
        guard case .flag(let fortranOrder)? = entries["fortran_order"] else {
            throw fail(headerStart, "a 'fortran_order' True/False in the header")
        }
        guard !fortranOrder else {
            throw fail(headerStart, "C (row-major) order", "fortran_order True (save with np.ascontiguousarray)")
        }
        guard case .tuple(let shape)? = entries["shape"] else { throw fail(headerStart, "a 'shape' tuple in the header") }
        guard Self.dataEnd(shape: shape, elementSize: elementType.size, dataOffset: headerStart + headerLength) != nil else {
            throw fail(headerStart, "a shape whose data size fits in 64 bits", "shape \(NpyLoader.describe(shape))")
        }
        self.elementType = elementType
        self.shape = shape
        self.dataOffset = headerStart + headerLength
    }

    /// The byte offset where the data would end, or nil when it overflows `Int`: a forged or
    /// corrupt shape must be an error, not a trap in `elementCount`.
    private static func dataEnd(shape: [Int], elementSize: Int, dataOffset: Int) -> Int? {
        var end = elementSize
        for dimension in shape {
            let (product, overflow) = end.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            end = product
        }
        let (sum, overflow) = end.addingReportingOverflow(dataOffset)
        return overflow ? nil : sum
    }
}
