/// A data source as loaded, before splitting: the samples, and the official test part for
/// sources that have one (Fashion-MNIST's t10k files), which `DataSplit` then uses as is.
public struct LoadedData: Sendable {
    public var train: Dataset
    public var test: Dataset?

    public init(train: Dataset, test: Dataset? = nil) {
        self.train = train
        self.test = test
    }
}
