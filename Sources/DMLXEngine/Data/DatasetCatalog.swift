import DMLXCore
import Foundation

/// Resolves `--data NAME|PATH` into loaded data, and lists the named data sets.
///
/// Names (case-insensitive) win over files of the same name; write `./digits` for a file.
/// Paths: a directory of IDX files (MNIST layout); `.csv`/`.tsv`/`.tab`/`.txt` (label in the
/// last column, or every column a feature when a labels file is given); `.npy` features with
/// labels from the given labels file or a sibling `<stem>-labels.npy`, `<stem>_labels.npy`
/// or `labels.npy`; an IDX images file (`…-images-idx3-ubyte[.gz]`, `.idx3`) with the given
/// labels file or its `labels`/`idx1` sibling. Labels files may be `.npy`, IDX or text with
/// one label per line.
public enum DatasetCatalog {
    public static let names = ["digits", "iris", "wine", "blobs", "rings", "spirals", "fashion-mnist"]

    /// The data named or found at `source`; `seed` draws the synthetic sets.
    public static func load(_ source: String, labels labelsPath: String? = nil, seed: UInt64 = 0) throws -> LoadedData {
        switch source.lowercased() {
        case "digits": return LoadedData(train: try BuiltinDatasets.digits())
        case "iris": return LoadedData(train: try BuiltinDatasets.iris())
        case "wine": return LoadedData(train: try BuiltinDatasets.wine())
        case "blobs": return LoadedData(train: SyntheticDatasets.blobs(seed: seed))
        case "rings": return LoadedData(train: SyntheticDatasets.rings(seed: seed))
        case "spirals": return LoadedData(train: SyntheticDatasets.spirals(seed: seed))
        case "fashion-mnist", "fashion_mnist", "fashionmnist": return try FashionMNIST.load()
        default: return try loadPath(source, labelsPath: labelsPath)
        }
    }

    /// The named data sets with their sizes, for `dmlx datasets`.
    public static func entries() throws -> [Entry] {
        func entry(_ data: Dataset, _ description: String) -> Entry {
            Entry(name: data.name, samples: data.count, features: data.dimension, classes: data.classes.count,
                  description: description)
        }
        let fashion = FashionMNIST.shape
        let fashionStatus = FashionMNIST.isInstalled
            ? "in \(FashionMNIST.defaultDirectory)"
            : "not installed: sudo apt-get install dataset-fashion-mnist"
        return [
            entry(try BuiltinDatasets.digits(), "8x8 handwritten digits, pixels 0-16 (UCI, built in)"),
            entry(try BuiltinDatasets.iris(), "iris flowers, 4 measurements (UCI, built in)"),
            entry(try BuiltinDatasets.wine(), "wine chemistry, 13 measurements (UCI, built in)"),
            entry(SyntheticDatasets.blobs(seed: 0), "Gaussian clusters with unequal noise per axis (synthetic, from --seed)"),
            entry(SyntheticDatasets.rings(seed: 0), "concentric rings plus 6 noise axes (synthetic, from --seed)"),
            entry(SyntheticDatasets.spirals(seed: 0), "interleaved 2-D spirals (synthetic, from --seed)"),
            Entry(name: "fashion-mnist", samples: fashion.train + fashion.test, features: fashion.features,
                  classes: fashion.classes, description: "28x28 clothing images, 60000 train + 10000 test (\(fashionStatus))"),
        ]
    }

    private static func loadPath(_ path: String, labelsPath: String?) throws -> LoadedData {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DatasetError(file: path, position: .none,
                               expected: "a data set name (\(names.joined(separator: ", "))) or an existing file or directory",
                               found: "neither")
        }
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        if isDirectory.boolValue { return try IDXLoader.directory(path: path, name: url.lastPathComponent) }
        let fileName = url.lastPathComponent.lowercased()
        if isIDX(fileName) {
            guard let labels = labelsPath ?? IDXLoader.labelsPath(forImages: path) else {
                throw DatasetError(file: path, position: .none,
                                   expected: "a labels file (--labels FILE, or a sibling named with labels/idx1 for images/idx3)",
                                   found: "none")
            }
            return LoadedData(train: try IDXLoader.dataset(images: path, labels: labels, name: stem))
        }
        switch url.pathExtension.lowercased() {
        case "npy":
            return LoadedData(train: try withLabels(NpyLoader.features(path: path), featuresPath: path,
                                                    labelsPath: labelsPath ?? npyLabelsSibling(of: url), name: stem))
        case "csv", "tsv", "tab", "txt":
            guard let labelsPath else { return LoadedData(train: try CSVLoader.dataset(path: path)) }
            let features = try CSVLoader.table(path: path, options: CSVOptions(labelColumn: .none)).features
            return LoadedData(train: try withLabels(features, featuresPath: path, labelsPath: labelsPath, name: stem))
        default:
            throw DatasetError(file: path, position: .none,
                               expected: "a .csv, .tsv, .txt or .npy file, an IDX file or a directory of IDX files",
                               found: "an unknown file type")
        }
    }

    private static func isIDX(_ fileName: String) -> Bool {
        let name = fileName.hasSuffix(".gz") ? String(fileName.dropLast(3)) : fileName
        return name.hasSuffix("-ubyte") || name.hasSuffix(".idx") || name.contains(".idx3") || name.contains("-idx3")
    }

    private static func npyLabelsSibling(of url: URL) -> String? {
        let stem = url.deletingPathExtension().lastPathComponent
        return ["\(stem)-labels.npy", "\(stem)_labels.npy", "labels.npy"]
            .map { url.deletingLastPathComponent().appendingPathComponent($0).path }
            .first { $0 != url.path && FileManager.default.fileExists(atPath: $0) }
    }

    /// Features from one file joined with labels from another; the counts must agree.
    private static func withLabels(_ features: Matrix<Float>, featuresPath: String, labelsPath: String?,
                                   name: String) throws -> Dataset {
        guard let labelsPath else {
            throw DatasetError(file: featuresPath, position: .none,
                               expected: "a labels file (--labels FILE, or a sibling <name>-labels.npy or labels.npy)",
                               found: "none")
        }
        let (labels, classNames) = try labels(path: labelsPath)
        guard labels.count == features.rows else {
            throw DatasetError(file: labelsPath, position: .none,
                               expected: "\(features.rows) labels, one per sample of \(featuresPath)", found: "\(labels.count)")
        }
        return Dataset(name: name, features: features, labels: labels, classNames: classNames)
    }

    /// Integer labels (or cluster ids) from `.npy`, IDX, or text with one label per line;
    /// text labels become 0, 1, … in order of first appearance, their names kept.
    public static func labels(path: String) throws -> (labels: [Int], classNames: [Int: String]) {
        let fileName = URL(fileURLWithPath: path).lastPathComponent.lowercased()
        if fileName.hasSuffix(".npy") { return (try NpyLoader.labels(path: path), [:]) }
        if fileName.contains("idx1") || fileName.hasSuffix("-ubyte") || fileName.hasSuffix("-ubyte.gz") {
            return (try IDXLoader.labels(path: path), [:])
        }
        return try CSVLoader.labels(path: path)
    }
}
