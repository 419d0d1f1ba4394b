import Foundation

/// Fashion-MNIST (Xiao, Rasul & Vollgraf 2017, MIT licence): 70,000 28×28 grey images of
/// clothing in 10 classes, 60,000 in the train part and 10,000 in the official t10k test
/// part. Read from the IDX files Debian's `dataset-fashion-mnist` installs, or from any
/// directory holding the same four files.
public enum FashionMNIST {
    public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"
    public static let shape = (train: 60_000, test: 10_000, features: 28 * 28, classes: 10)
    public static let classNames: [Int: String] = [
        0: "T-shirt/top", 1: "Trouser", 2: "Pullover", 3: "Dress", 4: "Coat",
        5: "Sandal", 6: "Shirt", 7: "Sneaker", 8: "Bag", 9: "Ankle boot",
    ]

    /// Whether the default directory exists (the Debian package is installed).
    public static var isInstalled: Bool { FileManager.default.fileExists(atPath: defaultDirectory) }

    /// The train part and the official test part, pixels scaled to [0, 1].
    public static func load(directory: String = defaultDirectory) throws -> LoadedData {
        guard FileManager.default.fileExists(atPath: directory) else {
            let hint = directory == defaultDirectory
                ? "the Fashion-MNIST IDX files (install them with `sudo apt-get install dataset-fashion-mnist`, or pass --data DIRECTORY)"
                : "a directory holding the Fashion-MNIST IDX files (Debian: `sudo apt-get install dataset-fashion-mnist`)"
            throw DatasetError(file: directory, position: .none, expected: hint, found: "no such directory")
        }
        return try IDXLoader.directory(path: directory, name: "fashion-mnist", classNames: classNames)
    }
}
