import ArgumentParser
import DMLXCore
import DMLXEngine
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a checkpoint's embeddings of its data for other tools.",
        discussion: """
            projector: tensors.tsv (one embedding per line, tab-separated) and metadata.tsv \
            (one label per line), the files the TensorBoard Embedding Projector loads. \
            npy: embeddings.npy (float32, n × d) and labels.npy (int64), for NumPy and for \
            `dmlx eval`. The data is the checkpoint's own (same source, split and \
            standardisation). With --map, the 2-D map of the embeddings goes beside them: \
            map.npy, or map.tsv plus a projector_config.pbtxt that offers both tensors \
            with the labels.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case projector
        case npy
    }

    enum Part: String, ExpressibleByArgument, CaseIterable {
        case test
        case train
    }

    @Argument(help: "A checkpoint written by `dmlx train --save` or the UI's `s` key.")
    var checkpoint: String

    @Option(help: "projector or npy.")
    var format: Format = .npy

    @Option(help: "The directory to write into (created if missing).")
    var out: String

    @Option(help: "Which split to embed: test or train.")
    var part: Part = .test

    @Option(help: "Also write a 2-D map: \(MapChoice.help).")
    var map: MapChoice?

    @OptionGroup var mapOptions: MapOptions

    func run() throws {
        let saved = try Checkpoint.read(from: URL(fileURLWithPath: checkpoint))
        let trainer = try saved.resumedTrainer(file: checkpoint)
        let dataset = part == .test ? trainer.data.split.test : trainer.data.split.train
        let embeddings = trainer.embed(dataset.features)
        let directory = URL(fileURLWithPath: out)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure("\(out): cannot create the output directory (\(error.localizedDescription))")
        }
        let layout = try map.map { try self.layout($0, of: embeddings) }
        switch format {
        case .npy:
            try NpyWriter.write(embeddings, to: directory.appendingPathComponent("embeddings.npy").path)
            try NpyWriter.write(labels: dataset.labels, to: directory.appendingPathComponent("labels.npy").path)
            if let layout { try NpyWriter.write(layout.map, to: directory.appendingPathComponent("map.npy").path) }
        case .projector:
            let metadata = dataset.labels.map { dataset.classNames[$0] ?? String($0) }
            try write(Self.tsv(embeddings), to: directory.appendingPathComponent("tensors.tsv"))
            try write(metadata, to: directory.appendingPathComponent("metadata.tsv"))
            if let layout {
                try write(Self.tsv(layout.map), to: directory.appendingPathComponent("map.tsv"))
                try write(Self.projectorConfiguration(mapName: layout.name), to: directory.appendingPathComponent("projector_config.pbtxt"))
            }
        }
        print("wrote \(embeddings.rows) × \(embeddings.cols) \(part.rawValue) embeddings (epoch \(saved.modelEpoch)) to \(out)"
              + (layout.map { " with their \($0.name) map" } ?? ""))
    }

    /// The map `choice` names: made here (scored as `dmlx project` does), or read.
    private func layout(_ choice: MapChoice, of embeddings: Matrix<Float>) throws -> (map: Matrix<Float>, name: String) {
        switch choice {
        case .file(let path): return (try MapChoice.load(path, points: embeddings.rows), "given")
        case .method(let method):
            let frame = try MapJob.headless(method, of: embeddings, source: checkpoint, settings: mapOptions.settings(interactive: false), quiet: false)
            return (frame.layout!, method.title)
        }
    }

    private static func tsv(_ matrix: Matrix<Float>) -> [String] {
        (0..<matrix.rows).map { row in matrix.row(row).map { String($0) }.joined(separator: "\t") }
    }

    /// The projector's configuration offering the embeddings and their map, both with
    /// the labels.
    private static func projectorConfiguration(mapName: String) -> [String] {
        [("embeddings", "tensors.tsv"), ("\(mapName) map", "map.tsv")].flatMap { name, path in
            ["embeddings {", "  tensor_name: \"\(name)\"", "  tensor_path: \"\(path)\"", "  metadata_path: \"metadata.tsv\"", "}"]
        }
    }

    private func write(_ lines: [String], to url: URL) throws {
        do {
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url, options: .atomic)
        } catch {
            throw CommandFailure("\(url.path): cannot be written (\(error.localizedDescription))")
        }
    }
}
