import DMLXCore
import DMLXEngine
import Foundation

extension FuzzFormat {
    static let names = ["npy", "csv", "tsv", "idx", "projector", "checkpoint", "checkpoint-fields", "options"]

    /// The format `name`, its seeds real files: NumPy's own fixtures and dmlx's writer for
    /// .npy, the built-in data sets as CSV/TSV and projector files, the gzipped IDX
    /// fixtures plus plain IDX of digits, checkpoints of three real runs, and files of
    /// options (`--config`) in TOML and JSON.
    static func named(_ name: String, inputSeed: UInt64, fixtures: URL) throws -> FuzzFormat {
        let iris = try BuiltinDatasets.iris()
        func mutated(_ seeds: [[UInt8]], run: @escaping ([UInt8], URL) throws -> Void) -> FuzzFormat {
            let mutator = Mutator(seeds: seeds)
            return FuzzFormat(name: name, seeds: seeds, fixedCount: nil, input: { mutator.input($0, seed: inputSeed) }, run: run)
        }
        func fixture(_ file: String) throws -> [UInt8] {
            [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(file)))
        }
        switch name {
        case "npy":
            let seeds = try [npyBytes { try NpyWriter.write(iris.features, to: $0) }, npyBytes { try NpyWriter.write(labels: iris.labels, to: $0) }]
                + ["float32.npy", "float64.npy", "big-endian.npy", "int32-v3.npy", "float32-v2.npy", "labels-uint8.npy"].map(fixture)
            return mutated(seeds) { input, directory in
                let path = try write(input, "x.npy", in: directory)
                try eitherAccepts({ _ = try NpyLoader.features(path: path) }, { _ = try NpyLoader.labels(path: path) })
            }
        case "csv", "tsv":
            let separator = name == "csv" ? "," : "\t"
            let seeds = try [iris, BuiltinDatasets.wine()].map { Array(csv($0, separator: separator).utf8) }
            return mutated(seeds) { input, directory in
                let path = try write(input, "x.\(name)", in: directory)
                try eitherAccepts({ _ = try CSVLoader.dataset(path: path) }, { _ = try CSVLoader.labels(path: path) })
            }
        case "projector":
            let tensors = Array(csv(iris, separator: "\t", labelled: false).utf8)
            let metadata = Array(iris.labels.map { iris.classNames[$0] ?? String($0) }.joined(separator: "\n").utf8)
            return mutated([joined(tensors, metadata)]) { input, directory in
                let (tensors, metadata) = split(input)
                _ = try DatasetCatalog.load(try write(tensors, "tensors.tsv", in: directory),
                                            labels: try write(metadata, "metadata.tsv", in: directory))
            }
        case "idx":
            let digits = try BuiltinDatasets.digits()
            let plain = joined(idx(sizes: [24, 8, 8], (0..<24 * 64).map { UInt8(digits.features.storage[$0] * 15) }),
                               idx(sizes: [24], digits.labels.prefix(24).map(UInt8.init)))
            let seeds = [plain, joined(try fixture("tiny-images-idx3-ubyte.gz"), try fixture("tiny-labels-idx1-ubyte.gz"))]
            return mutated(seeds) { input, directory in
                let (images, labels) = split(input)
                _ = try IDXLoader.dataset(images: try write(images, "x-images-idx3-ubyte", in: directory),
                                          labels: try write(labels, "x-labels-idx1-ubyte", in: directory), name: "x")
            }
        case "checkpoint":
            return mutated(try checkpointSeeds(), run: resumeAndExport)
        case "checkpoint-fields":
            let seeds = try checkpointSeeds()
            let sets = try seeds.map(CheckpointFieldMutations.init)
            return FuzzFormat(name: name, seeds: seeds, fixedCount: sets.map(\.count).reduce(0, +), input: { index in
                var rest = index
                for set in sets {
                    if rest < set.count { return set.mutant(rest) }
                    rest -= set.count
                }
                return []
            }, run: resumeAndExport)
        case "options":
            let toml = "# a run\ndata = \"digits\"\nhidden = [256, 128]\nlr = 1e-3\nnormalize = false\n'proxy-form' = 'paper'\nmargin = -0.2\n"
            let json = #"{"data": "iris", "options": {"batch_size": 32, "hidden": [16, 8], "normalize": true, "lr": 0.5}}"#
            return mutated([Array(toml.utf8), Array(json.utf8)]) { input, directory in
                let path = try write(input, "x.toml", in: directory)
                try eitherAccepts({ _ = try OptionsFile.read(path: path) },
                                  { _ = try OptionsFile(path: "x.json", text: String(decoding: input, as: UTF8.self)) })
            }
        default:
            throw FuzzUsageError("unknown format \(name); formats: \(names.joined(separator: ", "))")
        }
    }

    /// Both readers of one file (features and labels) get every input; it is rejected when
    /// both reject it.
    private static func eitherAccepts(_ first: () throws -> Void, _ second: () throws -> Void) throws {
        let results = [Result { try first() }, Result { try second() }]
        if case .failure(let error) = results[0], case .failure = results[1] { throw error }
    }

    /// What `train --resume` and `export` do with a checkpoint: read it, rebuild its
    /// trainer, train one more epoch and embed the test split.
    static func resumeAndExport(_ input: [UInt8], _ directory: URL) throws {
        let path = try write(input, "run.ckpt", in: directory)
        let trainer = try Checkpoint.read(from: URL(fileURLWithPath: path)).resumedTrainer(file: path)
        _ = try trainer.trainEpoch()
        _ = trainer.embed(trainer.data.split.test.features)
    }

    /// Checkpoints of a deep run with Adam and proxies, a mined triplet run with SGD and
    /// momentum, and a fitted classic metric, each after its first epoch, on iris.
    static func checkpointSeeds() throws -> [[UInt8]] {
        let options = [
            TrainingConfiguration(data: "iris", loss: LossConfiguration(name: "proxy-nca"), epochs: 2),
            TrainingConfiguration(data: "iris", model: ModelConfiguration(kind: .linear, dimension: 4),
                                  loss: LossConfiguration(name: "triplet", margin: 0.2), miner: "semihard", epochs: 2,
                                  optimizer: OptimizerConfiguration(kind: .sgd)),
            TrainingConfiguration(data: "iris", loss: LossConfiguration(name: "none"),
                                  method: MahalanobisConfiguration(name: "itml"), epochs: 1),
        ]
        return try options.map { configuration in
            let trainer: any EpochTrainer = configuration.method == nil
                ? try Trainer(configuration, data: PreparedData(configuration))
                : try MahalanobisTrainer(configuration, data: PreparedData(configuration))
            _ = trainer.evaluateInitialModel()
            _ = try trainer.trainEpoch()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return [UInt8](try encoder.encode(trainer.checkpoint))
        }
    }

    /// The bytes `write` puts in a .npy file.
    private static func npyBytes(_ write: (String) throws -> Void) throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dmlx-fuzz-seed-\(getpid()).npy").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write(path)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private static func csv(_ data: Dataset, separator: String, labelled: Bool = true) -> String {
        let header = labelled ? [((0..<data.dimension).map { "f\($0)" } + ["label"]).joined(separator: separator)] : []
        let rows = (0..<data.count).map { row in
            (data.features.row(row).map { String($0) } + (labelled ? [data.classNames[data.labels[row]] ?? String(data.labels[row])] : []))
                .joined(separator: separator)
        }
        return (header + rows).joined(separator: "\n") + "\n"
    }

    private static func idx(sizes: [Int], _ bytes: [UInt8]) -> [UInt8] {
        [0, 0, 8, UInt8(sizes.count)] + sizes.flatMap { size in (0..<4).reversed().map { UInt8(truncatingIfNeeded: size >> (8 * $0)) } } + bytes
    }
}
