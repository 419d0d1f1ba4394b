import Foundation
import Testing
import DMLXCore
import DMLXEngine

@Suite struct IDXLoaderTests {
    /// An IDX header: magic 00 00 08 <dimension count>, then big-endian 32-bit sizes.
    private func header(_ sizes: [UInt32]) -> [UInt8] {
        [0, 0, 8, UInt8(sizes.count)] + sizes.flatMap { size in (0..<4).reversed().map { UInt8(truncatingIfNeeded: size >> (8 * $0)) } }
    }

    @Test func readsGzippedImagesAndLabelsWrittenByPython() throws {
        let data = try IDXLoader.dataset(images: fixture("tiny-images-idx3-ubyte.gz"),
                                         labels: fixture("tiny-labels-idx1-ubyte.gz"), name: "tiny")
        #expect(data.imageShape == Dataset.ImageShape(height: 2, width: 3))
        #expect(data.labels == [4, 0, 9])
        let expected: [[UInt8]] = [[0, 255, 51, 102, 0, 0], [1, 2, 3, 4, 5, 6], [255, 255, 255, 0, 0, 0]]
        #expect(data.features == Matrix(expected.map { $0.map { Float($0) / 255 } }))
    }

    @Test func readsPlainFiles() throws {
        let directory = try TemporaryDirectory()
        let images = try directory.write("p-images-idx3-ubyte", header([2, 1, 2]) + [0, 255, 17, 34])
        let labels = try directory.write("p-labels-idx1-ubyte", header([2]) + [1, 2])
        let data = try IDXLoader.dataset(images: images, labels: labels, name: "p")
        #expect(data.features == Matrix([[0, 1], [Float(17) / 255, Float(34) / 255]]))
        #expect(data.labels == [1, 2])
    }

    @Test func wrongMagicSaysWhichMagicWasExpected() throws {
        let labels = try fixture("tiny-labels-idx1-ubyte.gz")
        expectDatasetError(file: labels, at: .decompressedByte(0), mentioning: ["IDX magic 0x00000803", "found 0x00000801"]) {
            _ = try IDXLoader.images(path: labels)
        }
        let directory = try TemporaryDirectory()
        let npy = try directory.write("x-images-idx3-ubyte", Array("\u{93}NUMPY".utf8) + [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        expectDatasetError(file: npy, at: .byte(0), mentioning: ["IDX magic 0x00000803"]) {
            _ = try IDXLoader.images(path: npy)
        }
    }

    @Test func truncatedDataAndHeader() throws {
        let directory = try TemporaryDirectory()
        let cut = try directory.write("cut-images-idx3-ubyte", header([3, 2, 2]) + [1, 2, 3, 4, 5])
        expectDatasetError(file: cut, at: .byte(21), mentioning: ["3×2×2 bytes of images ending at byte 28", "truncated"]) {
            _ = try IDXLoader.images(path: cut)
        }
        let shortHeader = try directory.write("short-labels-idx1-ubyte", [0, 0, 8, 1, 0, 0])
        expectDatasetError(file: shortHeader, at: .byte(6), mentioning: ["dimension sizes ending at byte 8"]) {
            _ = try IDXLoader.labels(path: shortHeader)
        }
    }

    @Test func wrongShapeExtraBytesAndMismatchedCounts() throws {
        let directory = try TemporaryDirectory()
        let long = try directory.write("long-labels-idx1-ubyte", header([2]) + [1, 2, 3])
        expectDatasetError(file: long, at: .byte(10), mentioning: ["end of the file", "1 more bytes"]) {
            _ = try IDXLoader.labels(path: long)
        }
        let images = try directory.write("a-images-idx3-ubyte", header([2, 1, 1]) + [1, 2])
        let labels = try directory.write("a-labels-idx1-ubyte", header([3]) + [1, 2, 3])
        expectDatasetError(file: labels, at: .byte(4), mentioning: ["2 labels, one per image", "found 3"]) {
            _ = try IDXLoader.dataset(images: images, labels: labels, name: "a")
        }
    }

    @Test func emptyFileAndEmptyDimensions() throws {
        let directory = try TemporaryDirectory()
        let empty = try directory.write("e-labels-idx1-ubyte", [])
        expectDatasetError(file: empty, at: .byte(0), mentioning: ["IDX magic 0x00000801", "an empty file"]) {
            _ = try IDXLoader.labels(path: empty)
        }
        let none = try directory.write("n-images-idx3-ubyte", header([0, 28, 28]))
        expectDatasetError(file: none, at: .byte(4), mentioning: ["at least one sample"]) {
            _ = try IDXLoader.images(path: none)
        }
    }

    @Test func nanCannotOccurInBytesButOtherTypesAreRejected() throws {
        let directory = try TemporaryDirectory()
        let floats = try directory.write("f-images-idx3-ubyte", [0, 0, 0x0D, 3] + header([1, 1, 1]).dropFirst(4) + [0x7F, 0xC0, 0, 0])
        expectDatasetError(file: floats, at: .byte(0), mentioning: ["images of unsigned bytes", "found 0x00000D03"]) {
            _ = try IDXLoader.images(path: floats)
        }
    }

    @Test func truncatedAndCorruptGzip() throws {
        let bytes = try fixtureBytes("tiny-images-idx3-ubyte.gz")
        let directory = try TemporaryDirectory()
        let cut = try directory.write("cut.gz", Array(bytes.prefix(bytes.count - 12)))
        expectDatasetError(file: cut, at: .byte(bytes.count - 12), mentioning: ["more gzip data", "truncated"]) {
            _ = try IDXLoader.images(path: cut)
        }
        var corrupt = bytes
        for index in 40..<50 { corrupt[index] = 0xFF }  // past the header and its file name
        let bad = try directory.write("bad.gz", corrupt)
        do {
            _ = try IDXLoader.images(path: bad)
            Issue.record("corrupt gzip loaded")
        } catch let error as DatasetError {
            #expect(error.file == bad)
            #expect(error.description.contains("valid gzip data"), "\(error)")
            guard case .byte(let offset) = error.position else { Issue.record("no byte offset: \(error)"); return }
            #expect(offset >= 40 && offset <= bytes.count)
        }
    }

    @Test func gzipRoundTripMatchesPlainBytes() throws {
        let inflated = try Gzip.inflate(fixtureBytes("tiny-labels-idx1-ubyte.gz"), file: "labels.gz")
        #expect(inflated == header([3]) + [4, 0, 9])
        #expect(Gzip.isCompressed(try fixtureBytes("tiny-labels-idx1-ubyte.gz")))
        #expect(!Gzip.isCompressed(inflated))
    }

    /// 32 KB that inflate to 32 MiB behind a header declaring 10 labels: the stream stops
    /// at the first chunk past the declared end, naming it, rather than inflating it all
    /// and only then noticing the "32 MiB more bytes".
    @Test func aGzipBombStopsAtTheLengthItsHeaderDeclares() throws {
        let bomb = try fixture("bomb-labels-idx1-ubyte.gz")
        expectDatasetError(file: bomb, at: .decompressedByte(18), mentioning: ["the 18 bytes its header declares", "more inflated data"]) {
            _ = try IDXLoader.labels(path: bomb)
        }
    }

    /// A header declaring 65535 × 65535 × 1 bytes (4 GiB) is refused before any of it is
    /// read or inflated, plain or gzipped.
    @Test func headersDeclaringMoreThanTheMaximumAreRefusedUpFront() throws {
        let directory = try TemporaryDirectory()
        let plain = try directory.write("huge-images-idx3-ubyte", header([65535, 65535, 1]) + [1, 2, 3])
        expectDatasetError(file: plain, at: .byte(4), mentioning: ["at most \(IDXLoader.maximumDataLength) bytes", "65535×65535×1"]) {
            _ = try IDXLoader.images(path: plain)
        }
        let overflowing = try directory.write("overflow-images-idx3-ubyte", header([UInt32.max, UInt32.max, UInt32.max]))
        expectDatasetError(file: overflowing, at: .byte(4), mentioning: ["more than 2⁶³ bytes"]) {
            _ = try IDXLoader.images(path: overflowing)
        }
    }
}
