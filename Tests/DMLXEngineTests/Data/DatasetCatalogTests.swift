import Foundation
import Testing
import DMLXCore
import DMLXEngine

@Suite struct DatasetCatalogTests {
    @Test func namesResolveToBuiltinsWithoutATestPart() throws {
        for name in ["digits", "iris", "wine", "blobs", "rings", "spirals"] {
            let data = try DatasetCatalog.load(name, seed: 4)
            #expect(data.train.name == name)
            #expect(data.test == nil)
        }
        #expect(try DatasetCatalog.load("Iris").train.count == 150)
        #expect(try DatasetCatalog.load("blobs", seed: 4).train.features == SyntheticDatasets.blobs(seed: 4).features)
    }

    @Test func listingHasEveryName() throws {
        let entries = try DatasetCatalog.entries()
        #expect(entries.map(\.name) == DatasetCatalog.names)
        #expect(entries[0].samples == 1797 && entries[0].features == 64 && entries[0].classes == 10)
        #expect(entries.last?.samples == 70_000)
    }

    @Test func csvPathAndCsvWithSeparateLabels() throws {
        let directory = try TemporaryDirectory()
        let withLabels = try directory.write("points.csv", text: "1,2,5\n3,4,6\n")
        #expect(try DatasetCatalog.load(withLabels).train.labels == [5, 6])
        let features = try directory.write("vectors.tsv", text: "1\t2\n3\t4\n")
        let labels = try directory.write("metadata.tsv", text: "cat\ndog\n")
        let data = try DatasetCatalog.load(features, labels: labels).train
        #expect(data.features == Matrix([[1, 2], [3, 4]]))
        #expect(data.labels == [0, 1] && data.classNames == [0: "cat", 1: "dog"])
    }

    @Test func npyWithSiblingLabelsAndCountMismatch() throws {
        let directory = try TemporaryDirectory()
        let features = directory.path("emb.npy")
        try NpyWriter.write(Matrix([[1, 2], [3, 4], [5, 6]]), to: features)
        let labels = directory.path("emb-labels.npy")
        try NpyWriter.write(labels: [2, 0, 2], to: labels)
        let data = try DatasetCatalog.load(features).train
        #expect(data.name == "emb" && data.labels == [2, 0, 2])
        try NpyWriter.write(labels: [2, 0], to: labels)
        expectDatasetError(file: labels, at: .none, mentioning: ["3 labels, one per sample of \(features)", "found 2"]) {
            _ = try DatasetCatalog.load(features)
        }
    }

    @Test func npyWithoutLabelsSaysHowToGiveThem() throws {
        let directory = try TemporaryDirectory()
        let features = directory.path("alone.npy")
        try NpyWriter.write(Matrix([[1, 2]]), to: features)
        expectDatasetError(file: features, at: .none, mentioning: ["--labels FILE"]) {
            _ = try DatasetCatalog.load(features)
        }
    }

    @Test func idxFileAndIdxDirectory() throws {
        let directory = try TemporaryDirectory()
        let images = try fixtureBytes("tiny-images-idx3-ubyte.gz")
        let labels = try fixtureBytes("tiny-labels-idx1-ubyte.gz")
        let single = try directory.write("tiny-images-idx3-ubyte.gz", images)
        try directory.write("tiny-labels-idx1-ubyte.gz", labels)
        #expect(try DatasetCatalog.load(single).train.labels == [4, 0, 9])
        try directory.write("train-images-idx3-ubyte.gz", images)
        try directory.write("train-labels-idx1-ubyte.gz", labels)
        try directory.write("t10k-images.idx3-ubyte", Gzip.inflate(images, file: "t"))
        try directory.write("t10k-labels.idx1-ubyte", Gzip.inflate(labels, file: "t"))
        let both = try DatasetCatalog.load(directory.path)
        #expect(both.train.count == 3 && both.test?.count == 3)
        #expect(both.test?.imageShape == Dataset.ImageShape(height: 2, width: 3))
    }

    @Test func unknownNameOrTypeIsAClearError() throws {
        expectDatasetError(file: "mnist-please", at: .none, mentioning: ["digits, iris, wine, blobs, rings, spirals, fashion-mnist"]) {
            _ = try DatasetCatalog.load("mnist-please")
        }
        let directory = try TemporaryDirectory()
        let odd = try directory.write("data.parquet", [1, 2, 3])
        expectDatasetError(file: odd, at: .none, mentioning: ["unknown file type"]) {
            _ = try DatasetCatalog.load(odd)
        }
        expectDatasetError(file: directory.path, at: .none, mentioning: ["train-images-idx3-ubyte"]) {
            _ = try DatasetCatalog.load(directory.path)
        }
    }
}
