import Foundation
import Testing
import DMLXCore
import DMLXEngine

@Suite struct CSVLoaderTests {
    @Test func readsNumbersAndLastColumnLabels() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("small.csv", text: "1.5,-2,3e2,4\n0.25, 7 ,-1.5E-1,0\r\n\n")
        let data = try CSVLoader.dataset(path: path)
        #expect(data.name == "small")
        #expect(data.features == Matrix([[1.5, -2, 300], [0.25, 7, -0.15]]))
        #expect(data.labels == [4, 0])
        #expect(data.classNames.isEmpty)
    }

    @Test func parsesLikeSwiftsOwnDoubleParser() throws {
        let numbers = ["0.1", "-7.25e-3", "123456789012345678901", "1e-30", "4.9406564584124654e-324", "+3", ".5", "5.", "0x1p3"]
        let table = try CSVLoader.table(text: numbers.joined(separator: ","), file: "n.csv",
                                        options: CSVOptions(labelColumn: .none, hasHeader: false))
        #expect(table.features.storage == numbers.map { Float(Double($0) ?? .nan) })
    }

    @Test func detectsHeaderTextLabelsAndTabs() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("flowers.tsv", text: "length\twidth\tspecies\n1\t2\tsetosa\n3\t4\t\"virginica\"\n5\t6\tsetosa\n")
        let table = try CSVLoader.table(path: path)
        #expect(table.header == ["length", "width", "species"])
        #expect(table.features == Matrix([[1, 2], [3, 4], [5, 6]]))
        #expect(table.labels == [0, 1, 0])
        #expect(table.classNames == [0: "setosa", 1: "virginica"])
    }

    @Test func labelColumnIndexAndWhitespaceDelimiter() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("x.txt", text: "  2   1.0 2.0\n3.0 3.0  4.0\n")
        let data = try CSVLoader.dataset(path: path, options: CSVOptions(labelColumn: .index(0)))
        #expect(data.features == Matrix([[1, 2], [3, 4]]))
        #expect(data.labels == [2, 3])
    }

    @Test func labelsFileOneTextOrIntegerPerLine() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("meta.tsv", text: "Ankle boot\nBag\nAnkle boot\n")
        let (labels, names) = try CSVLoader.labels(path: path)
        #expect(labels == [0, 1, 0])
        #expect(names == [0: "Ankle boot", 1: "Bag"])
    }

    /// A malformed file, where its first error is, and phrases its message must contain.
    struct Malformed: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var line: Int
        var column: Int?
        var phrases: [String]
        var testDescription: String { name }
    }

    static let malformed = [
        Malformed(name: "ragged.csv", text: "1,2,3\n4,5,6\n7,8\n", line: 3, column: nil,
                  phrases: ["expected 3 comma-separated values", "found 2"]),
        Malformed(name: "truncated.csv", text: "1,2,3,0\n4,5,6,1\n7,8", line: 3, column: nil, phrases: ["expected 4", "found 2"]),
        Malformed(name: "text.csv", text: "1,2,0\n4,x5,1\n", line: 2, column: 2, phrases: ["expected a number", "\"x5\""]),
        Malformed(name: "nan.csv", text: "1,2,0\n3,nan,1\n", line: 2, column: 2, phrases: ["finite number", "\"nan\""]),
        Malformed(name: "overflow.csv", text: "1e39,2,0\n", line: 1, column: 1, phrases: ["float32 range"]),
        Malformed(name: "empty.csv", text: "", line: 1, column: nil, phrases: ["an empty file"]),
        Malformed(name: "header.csv", text: "a,b,label\n\n", line: 3, column: nil, phrases: ["only a header line"]),
        Malformed(name: "fraction.csv", text: "1,2,0\n3,4,1.5\n", line: 2, column: 3, phrases: ["integer class label", "\"1.5\""]),
        Malformed(name: "nolabel.csv", text: "1,2,a\n3,4,\n", line: 2, column: 3, phrases: ["a class label", "an empty field"]),
    ]

    @Test(arguments: malformed)
    func malformedFileNamesFileLineAndExpectation(_ input: Malformed) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(input.name, text: input.text)
        expectDatasetError(file: path, at: .line(input.line, column: input.column), mentioning: input.phrases) {
            _ = try CSVLoader.dataset(path: path)
        }
    }

    @Test func missingFileIsAnErrorNotACrash() {
        expectDatasetError(file: "/nonexistent/x.csv", at: .none, mentioning: ["an existing file"]) {
            _ = try CSVLoader.dataset(path: "/nonexistent/x.csv")
        }
    }

    /// The issue asks for a few milliseconds on the 265 KB digits file; allow 20 ms for a busy machine.
    @Test func digitsSizedFileParsesInAFewMilliseconds() throws {
        let digits = try BuiltinDatasets.digits()
        let text = (0..<digits.count).map { row in
            (digits.features.row(row).map { String(Int($0)) } + [String(digits.labels[row])]).joined(separator: ",")
        }.joined(separator: "\n")
        #expect(text.utf8.count > 250_000)
        let clock = ContinuousClock()
        var best = Duration.seconds(1)
        for _ in 0..<5 {
            let elapsed = try clock.measure { _ = try CSVLoader.table(text: text, file: "digits.csv") }
            best = min(best, elapsed)
        }
        #expect(best < .milliseconds(20), "digits.csv took \(best)")
    }
}
