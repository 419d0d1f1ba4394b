import DMLXTestSupport
import Foundation
import Testing

/// `dmlx bench` prints dmlx's numbers alone, or with `--peers PYTHON` the peers' beside them,
/// measured in the same invocation: no reference figure is a constant of the program.
@Suite struct BenchCommandTests {
    /// The timed rows of a table: for each case title, the numbers that follow it.
    private static func rows(_ output: String, titles: [String]) -> [String: [Double]] {
        var rows: [String: [Double]] = [:]
        for line in output.split(separator: "\n") {
            guard let title = titles.first(where: { line.hasPrefix($0 + " ") }) else { continue }
            rows[title] = line.dropFirst(title.count).split(separator: " ").compactMap {
                Double($0.replacingOccurrences(of: "×", with: ""))
            }
        }
        return rows
    }

    private static let trainingTitles = ["digits stratified, Proxy-NCA", "digits stratified, triplet semihard"]
    private static let recallTitles = ["N = 10000, d = 64", "N = 10000, d = 128"]

    /// A directory holding `python`, an executable standing in for the peers' Python: it
    /// appends its arguments (and for the training peer the start of the features file's
    /// header) to `calls` and prints known records for each script — training epochs of
    /// 0.5, 0.1 and 0.3 s, a faiss search of 2.5 s with Recall@1 0.25, an LDA fit of 0.75 s
    /// with accuracy 0.5 on each classic data set.
    private static func fakePeerDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dmlx-bench-fake-peer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let calls = directory.appendingPathComponent("calls").path, peer = directory.appendingPathComponent("python")
        try """
            #!/bin/sh
            echo "$*" >> '\(calls)'
            case "$(basename "$1")" in
            pml_training.py)
                head -c 80 "$2" | tail -c 70 >> '\(calls)'; echo >> '\(calls)'
                for seconds in 0.5 0.1 0.3; do echo "{\\"peer\\": \\"pytorch-metric-learning\\", \\"seconds\\": $seconds}"; done ;;
            faiss_search.py)
                echo '{"peer": "faiss", "version": "0", "index": "Flat", "k": 9, "seconds": 2.5, "recall_at": {"1": 0.25}}' ;;
            classic_metric_learn.py)
                for data in iris wine digits; do
                    echo "{\\"peer\\": \\"scikit-learn\\", \\"version\\": \\"0\\", \\"method\\": \\"lda\\", \\"data\\": \\"$data\\", \\"seed\\": 0, \\"accuracy\\": 0.5, \\"seconds\\": 0.75}"
                done ;;
            *) exit 3 ;;
            esac
            """.write(to: peer, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: peer.path)
        return directory
    }

    @Test func withoutPeersOnlyDmlxsNumbersArePrinted() throws {
        let result = try Dmlx.run(["bench", "--quick", "--epochs", "2", "--threads", "1"])
        try #require(result.succeeded, "\(result)")
        let output = result.standardOutput
        for word in ["reference", "PyTorch", "PML", "faiss", "peer/dmlx"] {
            #expect(!output.contains(word), "bench without --peers prints \"\(word)\":\n\(output)")
        }
        let training = Self.rows(output, titles: Self.trainingTitles)
        let recall = Self.rows(output, titles: Self.recallTitles)
        for title in Self.trainingTitles { #expect(training[title]?.count == 1, "\(title): \(training[title] ?? [])") }
        // dmlx's seconds and Recall@1, which on 10 well-separated clusters is well above chance.
        for title in Self.recallTitles {
            let numbers = try #require(recall[title], "no row \(title) in\n\(output)")
            #expect(numbers.count == 2 && numbers[0] > 0 && numbers[1] > 0.5, "\(title): \(numbers)")
        }
    }

    /// A fake peer (`fakePeerDirectory`) checks the plumbing: the scripts' arguments, the median of the peer's
    /// epochs, and peer/dmlx computed from the two printed times.
    @Test func withPeersTheRatioIsThePeersTimeOverDmlxs() throws {
        let directory = try Self.fakePeerDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let peer = directory.appendingPathComponent("python"), calls = directory.appendingPathComponent("calls")
        let result = try Dmlx.run(["bench", "--quick", "--epochs", "2", "--threads", "1", "--peers", peer.path])
        try #require(result.succeeded, "\(result)")
        let training = Self.rows(result.standardOutput, titles: Self.trainingTitles)
        for title in Self.trainingTitles {
            let numbers = try #require(training[title], "no row \(title) in\n\(result.standardOutput)")
            try #require(numbers.count == 3, "\(title): \(numbers)")
            #expect(numbers[1] == 0.3, "\(title): the peer's median epoch is 0.3 s, printed \(numbers[1])")
            try expectRatio(numbers[2], peer: 0.3, dmlx: numbers[0], decimals: 3, title)
        }
        let recall = Self.rows(result.standardOutput, titles: Self.recallTitles)
        for title in Self.recallTitles {
            let numbers = try #require(recall[title], "no row \(title) in\n\(result.standardOutput)")
            try #require(numbers.count == 5, "\(title): \(numbers)")
            #expect(numbers[2] == 2.5 && numbers[3] == 0.25, "\(title): \(numbers)")
            try expectRatio(numbers[4], peer: 2.5, dmlx: numbers[0], decimals: 3, title)
        }
        let log = try String(contentsOf: calls, encoding: .utf8)
        for expected in ["pml_training.py", "--hidden 128 --dim 32 --batch-size 64 --m-per-class 8 --loss proxy-nca --miner none",
                         "--loss triplet --miner semihard", "--margin 0.2", "--epochs 2", "--threads 1",
                         "'descr': '<f4', 'fortran_order': False, 'shape': (", ", 64)",
                         "faiss_search.py", "--recall-at 1,2,4,8"] {
            #expect(log.contains(expected), "the peer was not called with \(expected):\n\(log)")
        }
    }

    @Test func classicPeersRowsCarryTheirRatio() throws {
        let directory = try Self.fakePeerDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let peer = directory.appendingPathComponent("python")
        let result = try Dmlx.run(["bench", "--classic", "--methods", "lda", "--threads", "1", "--peers", peer.path])
        try #require(result.succeeded, "\(result)")
        let rows = result.outputLines.filter { $0.hasPrefix("lda ") }
        try #require(rows.count == 3, "\(result.standardOutput)")
        for row in rows {
            // method, data, seeds, iterations, dmlx accuracy, dmlx s, peer accuracy, peer s, peer/dmlx
            let fields = row.split(separator: " ").map(String.init)
            try #require(fields.count == 9, "\(row)")
            #expect(fields[6] == "0.500" && fields[7] == "0.750", "\(row)")
            try expectRatio(Double(fields[8].replacingOccurrences(of: "×", with: "")) ?? .nan, peer: 0.75,
                            dmlx: Double(fields[5]) ?? .nan, decimals: 3, row)
        }
    }

    /// `printed` is peer / dmlx for a dmlx time printed as `dmlx` with `decimals` decimals:
    /// the true time lies within half a unit of the last decimal, and the ratio (printed
    /// with 2 decimals) within the range that spans.
    private func expectRatio(_ printed: Double, peer: Double, dmlx: Double, decimals: Int, _ context: String,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let half = 0.5 * pow(10, -Double(decimals))
        let lowest = peer / (dmlx + half) - 0.005
        guard dmlx - half > 0 else {
            // Too fast to bound from above: the ratio still has the printed time's lower
            // bound, or is "-" for a time that printed as zero.
            #expect(printed.isNaN ? dmlx == 0 : printed >= lowest, "\(context): peer/dmlx printed \(printed) for a dmlx time of \(dmlx)",
                    sourceLocation: sourceLocation)
            return
        }
        let highest = peer / (dmlx - half) + 0.005
        #expect((lowest...highest).contains(printed), "\(context): peer/dmlx printed \(printed), expected \(peer) / \(dmlx)",
                sourceLocation: sourceLocation)
    }
}
