import ArgumentParser
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
            standardisation).
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
        switch format {
        case .npy:
            try NpyWriter.write(embeddings, to: directory.appendingPathComponent("embeddings.npy").path)
            try NpyWriter.write(labels: dataset.labels, to: directory.appendingPathComponent("labels.npy").path)
        case .projector:
            let tensors = (0..<embeddings.rows).map { row in
                embeddings.row(row).map { String($0) }.joined(separator: "\t")
            }
            let metadata = dataset.labels.map { dataset.classNames[$0] ?? String($0) }
            try write(tensors, to: directory.appendingPathComponent("tensors.tsv"))
            try write(metadata, to: directory.appendingPathComponent("metadata.tsv"))
        }
        print("wrote \(embeddings.rows) × \(embeddings.cols) \(part.rawValue) embeddings (epoch \(saved.epoch)) to \(out)")
    }

    private func write(_ lines: [String], to url: URL) throws {
        do {
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url, options: .atomic)
        } catch {
            throw CommandFailure("\(url.path): cannot be written (\(error.localizedDescription))")
        }
    }
}
