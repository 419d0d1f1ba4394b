import DMLXCore
import DMLXEngine

/// What the UI knows about the data the runs train on: the test split, whose points the
/// scatter plot and neighbour panels show, and the raw-features baseline.
public struct AppData: Sendable {
    public var name: String
    /// The split protocol, for the status bar.
    public var split: String
    public let testLabels: [Int]
    /// The distinct test labels, ascending; class `classes[i]` is drawn in colour i.
    public let classes: [Int]
    /// Each test point's position in `classes` (its colour), found once rather than by a
    /// lookup per point per frame.
    public let classIndices: [Int]
    public var classNames: [Int: String]
    /// Unstandardised test features, drawn as thumbnails when `imageShape` is set.
    public var rawTestFeatures: Matrix<Float>
    public var imageShape: Dataset.ImageShape?
    public var rawMetrics: RetrievalMetrics
    /// Whether the metrics table shows the raw-features and untrained baselines (off when
    /// viewing given embeddings, which are their own raw features).
    public var showsBaselines: Bool
    /// A 2-D map of the test points given with them (`dmlx view --map FILE`), n × 2.
    public var givenMap: Matrix<Float>?
    /// An approximate index over given embeddings (`dmlx view` of many points) and its
    /// measured recall: the neighbour panels take its candidates instead of scanning
    /// every point, and say so.
    public var approximateNeighbors: (index: NeighborIndex, recall: NeighborRecall)?

    public init(name: String, split: String, testLabels: [Int], classNames: [Int: String],
                rawTestFeatures: Matrix<Float>, imageShape: Dataset.ImageShape?, rawMetrics: RetrievalMetrics,
                showsBaselines: Bool = true) {
        self.name = name
        self.split = split
        self.testLabels = testLabels
        classes = Array(Set(testLabels)).sorted()
        let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        classIndices = testLabels.map { position[$0]! }
        self.classNames = classNames
        self.rawTestFeatures = rawTestFeatures
        self.imageShape = imageShape
        self.rawMetrics = rawMetrics
        self.showsBaselines = showsBaselines
    }

    public init(_ prepared: PreparedData, configuration: TrainingConfiguration) {
        self.init(name: configuration.data, split: configuration.split.rawValue,
                  testLabels: prepared.rawTest.labels, classNames: prepared.rawTest.classNames,
                  rawTestFeatures: prepared.rawTest.features, imageShape: prepared.rawTest.imageShape,
                  rawMetrics: prepared.rawMetrics)
    }

    public var pointCount: Int { testLabels.count }

    /// A label as shown: the class name where the source has one, else the number.
    public func labelText(_ label: Int) -> String { classNames[label] ?? String(label) }

    /// The picture of test point `index`, scaled to 0…1, for image data.
    public func image(of index: Int) -> (width: Int, height: Int, pixels: [Double])? {
        guard let shape = imageShape, index >= 0, index < rawTestFeatures.rows else { return nil }
        let row = rawTestFeatures.row(index)
        let top = max(Double(row.max() ?? 1), 1e-9)
        return (shape.width, shape.height, row.map { max(0, Double($0) / top) })
    }
}
