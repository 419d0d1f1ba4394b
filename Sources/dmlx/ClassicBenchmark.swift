import DMLXCore
import DMLXEngine
import Foundation

/// `dmlx bench --classic`: the classic Mahalanobis learners on iris, wine and digits, with a
/// Euclidean and an LDA baseline, and with `--peers` metric-learn 0.7.0 (scikit-learn for the
/// baselines) measured in the same invocation on the same inputs
/// (Scripts/reference/classic_metric_learn.py). Protocol: scikit-learn's
/// `train_test_split(test_size=0.3, stratify=y, random_state=0)` (`ScikitLearnStratifiedSplit`,
/// index for index), features standardised with a `Standardizer` fitted on the training part
/// — dmlx hands the peer these standardised parts as .npy, so both fit identical numbers —
/// 3-NN test accuracy with the embedded training part as the gallery, fit seconds
/// wall-clock, both sides on the same thread count. ITML and MMC train on metric-learn's own
/// constraints for each random_state (`PairConstraints.Sampler.metricLearn`), drawn from the
/// training labels in split order as `*_Supervised.fit` does, so each seed compares like with
/// like.
enum ClassicBenchmark {
    static let datasets = ["iris", "wine", "digits"]

    /// The learners; those that draw constraints (ITML, MMC) draw metric-learn's for
    /// `random_state = seed`, so each seed compares like with like.
    static func learners(seed: UInt64) -> [any MahalanobisLearner] {
        [EuclideanBaseline(), LDA(), NCA(), LMNN(), ITML(seed: seed, sampler: .metricLearn),
         MMC(seed: seed, sampler: .metricLearn), MMC(diagonal: true, seed: seed, sampler: .metricLearn)]
    }

    static let randomised: Set = ["itml", "mmc", "mmc-diagonal"]

    /// One fit of Scripts/reference/classic_metric_learn.py.
    private struct PeerFit: Decodable {
        let peer: String
        let version: String
        let method: String
        let data: String
        let seed: Int
        let accuracy: Double
        let seconds: Double
    }

    /// Prints the table for the learners named in `methods` (all when empty); learners that
    /// draw constraints get a row for seed 0 and one for the mean over seeds `0..<seeds`.
    /// With `peers` the peer fits every case first (dmlx and the peer never share the cores).
    static func run(seeds: Int, methods: [String], peers: PythonPeer?) throws {
        let chosen = learners(seed: 0).enumerated().filter { methods.isEmpty || methods.contains($0.element.name) }
        let splits = try Dictionary(uniqueKeysWithValues: datasets.map { ($0, try holdout($0)) })
        let fits = try peers.map { try runPeer($0, on: splits, methods: chosen.map(\.element.name), seeds: seeds) } ?? []
        print("\nclassic Mahalanobis learners (scikit-learn's stratified 70/30 split with random_state 0,")
        print("standardised, 3-NN test accuracy; ITML and MMC: constraint seed 0 and the mean over seeds)")
        if let fit = fits.first(where: { $0.peer == "metric-learn" }) ?? fits.first {
            print("peer: \(fit.peer) \(fit.version) on the same standardised split and \(peers?.threads ?? 0) thread(s) "
                  + "(scikit-learn for euclidean and lda); peer/dmlx = peer seconds ÷ dmlx seconds, above 1 dmlx is faster")
        }
        print("method       data     seeds  iters  dmlx acc   dmlx s" + (peers == nil ? "" : "   peer acc    peer s   peer/dmlx"))
        for (position, learner) in chosen {
            for name in datasets {
                let split = splits[name]!
                let peerFits = fits.filter { $0.method == learner.name && $0.data == name }
                guard randomised.contains(learner.name) else {
                    try printRow(learner.name, name, seeds: "-", [measure(learner, on: split)], peerFits, peers: peers != nil)
                    continue
                }
                let runs = try (0..<seeds).map { try measure(learners(seed: UInt64($0))[position], on: split) }
                printRow(learner.name, name, seeds: "0", [runs[0]], peerFits.filter { $0.seed == 0 }, peers: peers != nil)
                if seeds > 1 { printRow(learner.name, name, seeds: "0-\(seeds - 1)", runs, peerFits, peers: peers != nil) }
            }
        }
    }

    /// The peer's fits of every chosen method on every data set, seeds `0..<seeds` for the
    /// randomised ones.
    private static func runPeer(_ peer: PythonPeer, on splits: [String: Holdout], methods: [String], seeds: Int) throws -> [PeerFit] {
        let directory = try PythonPeer.scratchDirectory("classic-peers")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, split) in splits {
            _ = try PythonPeer.export(split.train.features, labels: split.train.labels, as: "\(name)-train", in: directory)
            _ = try PythonPeer.export(split.test.features, labels: split.test.labels, as: "\(name)-test", in: directory)
        }
        FileHandle.standardError.write(Data("metric-learn: fitting \(methods.joined(separator: ", ")) on \(datasets.joined(separator: ", ")) (minutes: ITML on digits takes about half a minute a seed)…\n".utf8))
        return try peer.run("classic_metric_learn.py", [directory.path, "--datasets", datasets.joined(separator: ","),
                                                        "--methods", methods.joined(separator: ","), "--seeds", String(seeds)],
                            as: PeerFit.self).records
    }

    private typealias Measurement = (accuracy: Double, seconds: Double, iterations: Int)

    /// One table row: the means over dmlx's `runs`, then with `peers` the means over the
    /// peer's `fits` and the ratio of the mean times ("no result" when the peer has none).
    private static func printRow(_ method: String, _ data: String, seeds: String, _ runs: [Measurement], _ fits: [PeerFit], peers: Bool) {
        func mean<Run>(_ runs: [Run], _ value: (Run) -> Double) -> Double { runs.map(value).reduce(0, +) / Double(runs.count) }
        let dmlxSeconds = mean(runs) { $0.seconds }
        var row = pad(method, 13) + pad(data, 8) + String(repeating: " ", count: max(0, 5 - seeds.count)) + seeds
            + String(format: "%7.0f  %8.3f  %7.3f", mean(runs) { Double($0.iterations) }, mean(runs) { $0.accuracy }, dmlxSeconds)
        if peers {
            let peerSeconds = mean(fits) { $0.seconds }
            row += fits.isEmpty ? "   no result"
                : String(format: "   %8.3f  %8.3f   ", mean(fits) { $0.accuracy }, peerSeconds)
                    + PythonPeer.ratio(peer: peerSeconds, dmlx: dmlxSeconds)
        }
        print(row)
    }

    /// A data set's split, both parts standardised with the training part's statistics.
    private struct Holdout {
        let train: Dataset
        let test: Dataset
    }

    private static func holdout(_ name: String) throws -> Holdout {
        let data = switch name {
        case "iris": try BuiltinDatasets.iris()
        case "wine": try BuiltinDatasets.wine()
        default: try BuiltinDatasets.digits()
        }
        let split = ScikitLearnStratifiedSplit(labels: data.labels, testFraction: 0.3, seed: 0)
        let train = data.subset(split.train), test = data.subset(split.test)
        let standardizer = Standardizer(fitting: train.features)
        return Holdout(train: standardizer.apply(train), test: standardizer.apply(test))
    }

    private static func measure(_ learner: any MahalanobisLearner, on split: Holdout) throws -> Measurement {
        let start = DispatchTime.now().uptimeNanoseconds
        let metric = try learner.fit(features: split.train.features, labels: split.train.labels)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let accuracy = KNNClassifier().accuracy(train: metric.embed(split.train.features), trainLabels: split.train.labels,
                                                test: metric.embed(split.test.features), testLabels: split.test.labels)
        return (accuracy, seconds, metric.iterations)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
    }
}
