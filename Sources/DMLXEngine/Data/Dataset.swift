import DMLXCore

/// A labelled set of feature vectors: row `i` of `features` has class `labels[i]`.
///
/// Labels are the integers of the source file (not renumbered), so that class 7 of
/// digits is still "7" on screen and in the zero-shot split.
public struct Dataset: Sendable {
    /// Height and width of image samples, whose features are pixels in row-major order.
    public struct ImageShape: Sendable, Codable, Equatable {
        public var height: Int
        public var width: Int
        public init(height: Int, width: Int) {
            self.height = height
            self.width = width
        }
    }

    public var name: String
    public var features: Matrix<Float>
    public var labels: [Int]
    /// Set for image data (digits, Fashion-MNIST), so the UI can draw thumbnails.
    public var imageShape: ImageShape?
    /// Display names of classes, where the source has them (Fashion-MNIST's "Trouser").
    public var classNames: [Int: String]

    public init(name: String, features: Matrix<Float>, labels: [Int],
                imageShape: ImageShape? = nil, classNames: [Int: String] = [:]) {
        precondition(features.rows == labels.count, "\(features.rows) samples but \(labels.count) labels")
        self.name = name
        self.features = features
        self.labels = labels
        self.imageShape = imageShape
        self.classNames = classNames
    }

    public var count: Int { labels.count }
    public var dimension: Int { features.cols }
    /// The distinct labels, ascending.
    public var classes: [Int] { Array(Set(labels)).sorted() }

    /// The samples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> Dataset {
        Dataset(name: name, features: features.rows(indices), labels: indices.map { labels[$0] },
                imageShape: imageShape, classNames: classNames)
    }
}
