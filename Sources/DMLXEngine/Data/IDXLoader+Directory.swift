import Foundation

extension IDXLoader {
    /// The IDX pairs in a directory laid out as MNIST distributes them:
    /// `train-images-idx3-ubyte` with `train-labels-idx1-ubyte` and, when present, the
    /// official test part `t10k-images-idx3-ubyte` with `t10k-labels-idx1-ubyte`. Each name
    /// may end in `.gz`, and `.idx3`/`.idx1` may stand for `-idx3`/`-idx1` (the original
    /// MNIST download's spelling).
    public static func directory(path: String, name: String, classNames: [Int: String] = [:]) throws -> LoadedData {
        guard let train = try pair(in: path, part: "train", name: name, classNames: classNames) else {
            throw DatasetError(file: path, position: .none,
                               expected: "IDX files train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz] in this directory",
                               found: "none")
        }
        let test = try pair(in: path, part: "t10k", name: name, classNames: classNames)
        return LoadedData(train: train, test: test)
    }

    /// The labels file that goes with an images file: `images` → `labels`, `idx3` → `idx1`
    /// in the file name, in the same directory.
    public static func labelsPath(forImages imagesPath: String) -> String? {
        let url = URL(fileURLWithPath: imagesPath)
        let fileName = url.lastPathComponent
        guard fileName.contains("images") else { return nil }
        let labelsName = fileName.replacingOccurrences(of: "images", with: "labels")
            .replacingOccurrences(of: "idx3", with: "idx1")
        return [labelsName, labelsName + ".gz", labelsName.replacingOccurrences(of: ".gz", with: "")]
            .map { url.deletingLastPathComponent().appendingPathComponent($0).path }
            .first { FileManager.default.fileExists(atPath: $0) }
    }

    private static func pair(in directory: String, part: String, name: String,
                             classNames: [Int: String]) throws -> Dataset? {
        guard let images = existingFile(in: directory, "\(part)-images", "idx3-ubyte"),
              let labels = existingFile(in: directory, "\(part)-labels", "idx1-ubyte") else { return nil }
        return try dataset(images: images, labels: labels, name: name, classNames: classNames)
    }

    private static func existingFile(in directory: String, _ stem: String, _ suffix: String) -> String? {
        let names = ["\(stem)-\(suffix)", "\(stem).\(suffix)"].flatMap { [$0, $0 + ".gz"] }
        return names.map { (directory as NSString).appendingPathComponent($0) }
            .first { FileManager.default.fileExists(atPath: $0) }
    }
}
