import DMLXTestSupport
import Foundation
import Testing

/// Bad input through the command line: every case exits non-zero (a crash, i.e. a signal,
/// is a failure), says on stderr what is wrong, naming the file and the position in it
/// where there is one, and prints nothing on stdout that a script could take for a result.
@Suite struct BadInputTests {
    /// Files written to a fresh directory, the command run there, and what stderr must say.
    struct BadInput: Sendable, CustomTestStringConvertible {
        var name: String
        var files: [String: [UInt8]] = [:]
        var arguments: [String]
        var mentions: [String]

        var testDescription: String { "\(arguments.first ?? ""): \(name)" }
    }

    /// Six samples of two classes; the header is 128 bytes, as NumPy writes it.
    static let embeddings: [Float] = [0, 0, 0, 1, 1, 0, 5, 5, 5, 6, 6, 5]
    static let labels = NpyFile.int64([0, 0, 0, 1, 1, 1])
    static let goodNpy = NpyFile.float32(rows: 6, cols: 2, embeddings)

    /// Broken data sources, each given to both `eval --embeddings` and `train --data`.
    static let sources: [(name: String, source: String, files: [String: [UInt8]], mentions: [String])] = [
        ("missing file", "absent.npy", [:], ["absent.npy"]),
        ("unknown data set name", "imagenet", [:], ["imagenet", "digits"]),
        ("empty .npy", "empty.npy", ["empty.npy": []], ["empty.npy: byte 0"]),
        ("empty CSV", "empty.csv", ["empty.csv": []], ["empty.csv: line 1", "empty file"]),
        ("truncated .npy", "cut.npy", ["cut.npy": Array(goodNpy.dropLast(5)), "cut-labels.npy": labels],
         ["cut.npy: byte 171", "truncated"]),
        ("wrong magic", "magic.npy",
         ["magic.npy": [0x93] + Array("NUMPX".utf8) + goodNpy.dropFirst(6), "magic-labels.npy": labels],
         ["magic.npy: byte 0", "magic"]),
        ("NaN in .npy", "nan.npy",
         ["nan.npy": NpyFile.float32(rows: 6, cols: 2, embeddings.enumerated().map { $0.offset == 9 ? .nan : $0.element }),
          "nan-labels.npy": labels],
         ["nan.npy: byte 164", "[4, 1]"]),
        ("non-numeric CSV field", "text.csv", ["text.csv": Array("1,2,0\n3,4,1\n5,x7,0\n2,2,1\n".utf8)],
         ["text.csv: line 3, column 2", "\"x7\""]),
        ("NaN in CSV", "nan.csv", ["nan.csv": Array("1,2,0\nnan,4,1\n5,5,0\n2,2,1\n".utf8)],
         ["nan.csv: line 2, column 1"]),
        ("labels-only CSV", "labels.csv", ["labels.csv": Array("0\n1\n0\n1\n".utf8)], ["labels.csv", "feature column"]),
        ("labels count differs", "short.npy", ["short.npy": goodNpy, "short-labels.npy": NpyFile.int64([0, 0, 1, 1, 1])],
         ["short-labels.npy", "6 labels", "found 5"]),
        ("shape too large for memory", "forged.npy",
         ["forged.npy": NpyFile.bytes(descr: "<f4", shape: [1 << 62, 4], data: []), "forged-labels.npy": labels],
         ["forged.npy: byte 10", "(4611686018427387904, 4)"]),
        ("IDX sizes too large for memory", "huge-images-idx3-ubyte",
         ["huge-images-idx3-ubyte": [0, 0, 8, 3] + Array(repeating: 0xFF, count: 12) + [0, 0],
          "huge-labels-idx1-ubyte": [0, 0, 8, 1, 0, 0, 0, 1, 0]],
         ["huge-images-idx3-ubyte: byte 4", "at most 1073741824 bytes"]),
    ]

    static let cases: [BadInput] = sources.flatMap { source in
        [BadInput(name: source.name, files: source.files, arguments: ["eval", "--embeddings", source.source, "--json"],
                  mentions: source.mentions),
         BadInput(name: source.name, files: source.files, arguments: ["train", "--data", source.source, "--epochs", "1", "--json"],
                  mentions: source.mentions)]
    } + [
        BadInput(name: "labels file count differs", files: ["e.npy": goodNpy, "l.txt": Array("0\n1\n0\n1\n0\n".utf8)],
                 arguments: ["eval", "--embeddings", "e.npy", "--labels", "l.txt", "--json"], mentions: ["l.txt", "found 5"]),
        BadInput(name: "clusters count differs", files: ["e.npy": goodNpy, "e-labels.npy": labels, "c.npy": NpyFile.int64([0, 1])],
                 arguments: ["eval", "--embeddings", "e.npy", "--clusters", "c.npy", "--json"], mentions: ["c.npy", "found 2"]),
        BadInput(name: "one embedding", files: ["one.csv": Array("1,2,0\n".utf8)],
                 arguments: ["eval", "--embeddings", "one.csv", "--json"], mentions: ["one.csv", "at least 2"]),
        BadInput(name: "unknown loss", files: ["e.npy": goodNpy, "e-labels.npy": labels],
                 arguments: ["eval", "--embeddings", "e.npy", "--loss", "arcface", "--json"], mentions: ["arcface"]),
        BadInput(name: "no threads", files: ["e.npy": goodNpy, "e-labels.npy": labels],
                 arguments: ["eval", "--embeddings", "e.npy", "--threads", "0", "--json"], mentions: ["--threads"]),
        BadInput(name: "2⁶² threads", files: ["e.npy": goodNpy, "e-labels.npy": labels],
                 arguments: ["eval", "--embeddings", "e.npy", "--threads", "\(1 << 62)", "--json"], mentions: ["--threads"]),
        BadInput(name: "a perplexity of 1e300", files: ["e.npy": goodNpy, "e-labels.npy": labels],
                 arguments: ["project", "--embeddings", "e.npy", "--out", "map", "--perplexity", "1e300"], mentions: ["--perplexity"]),
    ] + [
        (["--loss", "arcface"], "arcface"),
        (["--loss", "triplet", "--miner", "hardest"], "hardest"),
        (["--batch-size", "1"], "--batch-size"),
        (["--hidden", "a,b"], "--hidden"),
        (["--dim", "0"], "--dim"),
        (["--threads", "0"], "--threads"),
        (["--epochs=-1"], "--epochs"),
        (["--split", "sideways"], "sideways"),
        (["--dim", "\(1 << 62)"], "--dim"),
        (["--hidden", "128,\(1 << 62)"], "--hidden"),
        (["--batch-size", "\(1 << 62)"], "--batch-size"),
        (["--m-per-class", "\(1 << 62)"], "--m-per-class"),
        (["--threads", "\(1 << 62)"], "--threads"),
        (["--lr", "nan"], "--lr"),
        (["--margin", "nan"], "--margin"),
        (["--proxies-per-class", "1e18"], "--proxies-per-class"),
        (["--loss", "histogram", "--bins", "\(1 << 62)"], "--bins"),
        (["--dim", "16384", "--hidden", "16384,16384"], "parameters"),
    ].map { options, mention in
        BadInput(name: options.joined(separator: " "), arguments: ["train", "--data", "iris", "--json"] + options,
                 mentions: [mention])
    }

    @Test(arguments: cases)
    func isRejectedCleanly(input: BadInput) throws {
        let scratch = try ScratchDirectory()
        for (name, bytes) in input.files { try scratch.write(name, bytes) }
        let result = try Dmlx.run(input.arguments, in: scratch.url)
        #expect(result.failedCleanly, "\(result)")
        #expect(result.standardOutput.isEmpty, "\(result)")
        for phrase in input.mentions {
            #expect(result.standardError.contains(phrase), "stderr lacks \"\(phrase)\": \(result.standardError)")
        }
    }
}
