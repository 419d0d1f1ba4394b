import Foundation
import Testing
import DMLXCore
import DMLXEngine

/// The fixtures were written by NumPy itself (Scripts/make-data-fixtures.py).
@Suite struct NpyLoaderTests {
    private let float32Values: Matrix<Float> = Matrix([[1.5, -2.25, 3.0], [0.1, 1e-3, 65504.0]])

    @Test func readsNumpyFloat32AndFloat64() throws {
        #expect(try NpyLoader.features(path: fixture("float32.npy")) == float32Values)
        #expect(try NpyLoader.features(path: fixture("float64.npy")) == Matrix([[1, 2.5], [-3.125, 4], [1e10, -0.5]]))
    }

    @Test func readsVersion2And3HeadersAndIntegerFeatures() throws {
        #expect(try NpyLoader.features(path: fixture("float32-v2.npy")) == float32Values)
        #expect(try NpyLoader.features(path: fixture("int32-v3.npy")) == Matrix([[1, -2], [3, 4]]))
    }

    @Test func readsBigEndianFloats() throws {
        #expect(try NpyLoader.features(path: fixture("big-endian.npy")) == Matrix([[1.5, 2.0]]))
    }

    @Test func readsIntegerLabels() throws {
        #expect(try NpyLoader.labels(path: fixture("labels-int64.npy")) == [3, 0, 7, 7, 1])
        #expect(try NpyLoader.labels(path: fixture("labels-uint8.npy")) == [9, 0, 255])
    }

    @Test func writerOutputIsByteForByteWhatNumpyWrites() throws {
        let directory = try TemporaryDirectory()
        let features = directory.path("f.npy")
        let labels = directory.path("l.npy")
        try NpyWriter.write(float32Values, to: features)
        try NpyWriter.write(labels: [3, 0, 7, 7, 1], to: labels)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: features))) == fixtureBytes("float32.npy"))
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: labels))) == fixtureBytes("labels-int64.npy"))
    }

    @Test func roundTripsALargerMatrix() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("m.npy")
        let matrix = Matrix(rows: 37, cols: 5, storage: (0..<185).map { Float($0) * 0.37 - 20 })
        try NpyWriter.write(matrix, to: path)
        #expect(try NpyLoader.features(path: path) == matrix)
    }

    @Test func wrongMagicAndEmptyFile() throws {
        let directory = try TemporaryDirectory()
        let text = try directory.write("text.npy", text: "1,2,3\n")
        expectDatasetError(file: text, at: .byte(0), mentioning: ["NumPy magic", "not a .npy file"]) {
            _ = try NpyLoader.features(path: text)
        }
        let empty = try directory.write("empty.npy", [])
        expectDatasetError(file: empty, at: .byte(0), mentioning: ["an empty file"]) {
            _ = try NpyLoader.features(path: empty)
        }
    }

    @Test func truncatedDataNamesTheByteWhereItEnds() throws {
        let directory = try TemporaryDirectory()
        let bytes = try fixtureBytes("float32.npy")
        let path = try directory.write("cut.npy", Array(bytes.dropLast(5)))
        expectDatasetError(file: path, at: .byte(147), mentioning: ["24 bytes of '<f4' data for shape (2, 3)", "ending at byte 152", "truncated"]) {
            _ = try NpyLoader.features(path: path)
        }
        let headerCut = try directory.write("header-cut.npy", Array(bytes.prefix(40)))
        expectDatasetError(file: headerCut, at: .byte(40), mentioning: ["header of 118 bytes"]) {
            _ = try NpyLoader.features(path: headerCut)
        }
    }

    @Test func trailingBytesAreAnError() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("long.npy", try fixtureBytes("float32.npy") + [0, 0, 0, 0])
        expectDatasetError(file: path, at: .byte(152), mentioning: ["4 more bytes"]) {
            _ = try NpyLoader.features(path: path)
        }
    }

    @Test func wrongShapeForFeaturesOrLabels() throws {
        let labels = try fixture("labels-int64.npy")
        expectDatasetError(file: labels, at: .byte(8), mentioning: ["2-D array", "shape (5,)"]) {
            _ = try NpyLoader.features(path: labels)
        }
        let features = try fixture("float32.npy")
        expectDatasetError(file: features, at: .byte(8), mentioning: ["1-D array", "shape (2, 3)"]) {
            _ = try NpyLoader.labels(path: features)
        }
    }

    @Test func fractionalLabelsAreRejected() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("y.npy")
        try NpyWriter.write(Matrix(rows: 3, cols: 1, storage: [1, 2.5, 3]), to: path)
        expectDatasetError(file: path, at: .byte(132), mentioning: ["whole-number class labels", "2.5 at element 1"]) {
            _ = try NpyLoader.labels(path: path)
        }
    }

    @Test func nanNamesByteOffsetAndElement() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("nan.npy")
        try NpyWriter.write(Matrix([[1, 2, 3], [4, 5, .nan]]), to: path)
        expectDatasetError(file: path, at: .byte(128 + 5 * 4), mentioning: ["finite numbers", "nan at element [1, 2]"]) {
            _ = try NpyLoader.features(path: path)
        }
    }

    @Test func fortranOrderAndUnsupportedDtype() throws {
        let fortran = try fixture("fortran.npy")
        expectDatasetError(file: fortran, at: .byte(10), mentioning: ["C (row-major) order", "fortran_order True"]) {
            _ = try NpyLoader.features(path: fortran)
        }
        let half = try fixture("float16.npy")
        expectDatasetError(file: half, at: .byte(10), mentioning: ["'<f2'"]) {
            _ = try NpyLoader.features(path: half)
        }
    }

    @Test func malformedHeaderDictionaryNamesTheOffendingByte() throws {
        var bytes = try fixtureBytes("float32.npy")
        let offset = try #require(bytes.firstIndex(of: UInt8(ascii: "(")))
        bytes[offset] = UInt8(ascii: "[")
        let directory = try TemporaryDirectory()
        let path = try directory.write("list.npy", bytes)
        expectDatasetError(file: path, at: .byte(offset), mentioning: ["a string, True, False or a tuple of integers", "\"[2, 3)"]) {
            _ = try NpyLoader.features(path: path)
        }
    }

    /// A 128-byte file whose header claims 2²⁰ × 2²⁰ float32 (4 TiB) is an error naming
    /// the size it would need, before anything of that size is allocated.
    @Test func aHeaderClaimingTwoToTheFortyFloatsIsRefusedBeforeAllocating() throws {
        let directory = try TemporaryDirectory()
        let dictionary = "{'descr': '<f4', 'fortran_order': False, 'shape': (1048576, 1048576), }"
        let header = Array(dictionary.utf8) + Array(repeating: 0x20, count: 117 - dictionary.utf8.count) + [0x0A]
        let path = try directory.write("huge.npy", [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count), 0] + header + [0, 0, 0, 0])
        expectDatasetError(file: path, at: .byte(132), mentioning: ["4398046511104 bytes", "truncated"]) {
            _ = try NpyLoader.features(path: path)
        }
    }
}
