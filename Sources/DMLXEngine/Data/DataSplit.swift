import DMLXCore

/// The train and test parts a run uses, made from loaded data by a `SplitProtocol`, and
/// the validation part held out of training (`holdingOutValidation`), if any.
public struct DataSplit: Sendable {
    public var train: Dataset
    public var test: Dataset
    /// Samples of the training part that the run does not train on, scored every epoch to
    /// choose a model without looking at the test split; nil without `--validation`.
    public var validation: Dataset?

    public init(train: Dataset, test: Dataset, validation: Dataset? = nil) {
        self.train = train
        self.test = test
        self.validation = validation
    }

    /// Splits `data`; the same data, protocol and seed always give the same split.
    ///
    /// - Stratified: with an official test part (Fashion-MNIST), train part and test part as
    ///   they are. Otherwise, for each class, its sample indices shuffled by a generator
    ///   seeded with `seed` (Fisher–Yates, so the result does not depend on the standard
    ///   library's shuffle), and the first ⌊n/2⌋ held out as test. Both parts keep the
    ///   source order.
    /// - Zero-shot: the distinct labels sorted; train takes the first ⌈C/2⌉ classes, test the
    ///   remaining ⌊C/2⌋ (digits and Fashion-MNIST: 0-4 and 5-9). For odd C the extra class
    ///   goes to training, because metric learning needs at least two classes to have
    ///   negatives (iris and wine: train on two classes, test on the third, which makes the
    ///   test retrieval trivial). With an official test part: train = train part ∩ first
    ///   classes, test = test part ∩ remaining classes, as in the Proxy-NCA protocol for
    ///   Fashion-MNIST. The seed is not used.
    /// Throws when either part would be empty (e.g. zero-shot with a single class).
    public static func make(_ data: LoadedData, protocol splitProtocol: SplitProtocol, seed: UInt64) throws -> DataSplit {
        let split = switch splitProtocol {
        case .stratified: stratified(data, seed: seed)
        case .zeroShot: zeroShot(data)
        }
        for (part, dataset) in [("training", split.train), ("test", split.test)] where dataset.count == 0 {
            throw DatasetError(file: data.train.name, position: .none,
                               expected: "samples in the \(part) part of a \(splitProtocol.rawValue) split",
                               found: "none (\(data.train.classes.count) classes, \(data.train.count) samples)")
        }
        return split
    }

    private static func stratified(_ data: LoadedData, seed: UInt64) -> DataSplit {
        if let test = data.test { return DataSplit(train: data.train, test: test) }
        var generator = SeededGenerator(seed: seed)
        var held: [Int] = []
        for members in classMembers(data.train) {
            var shuffled = members
            shuffle(&shuffled, using: &generator)
            held += shuffled.prefix(members.count / 2)
        }
        let heldSet = Set(held)
        let kept = data.train.labels.indices.filter { !heldSet.contains($0) }
        return DataSplit(train: data.train.subset(kept), test: data.train.subset(held.sorted()))
    }

    private static func zeroShot(_ data: LoadedData) -> DataSplit {
        let classes = Set(data.train.labels + (data.test?.labels ?? [])).sorted()
        let trainClasses = Set(classes.prefix((classes.count + 1) / 2))
        let testSource = data.test ?? data.train
        return DataSplit(train: data.train.subset(data.train.labels.indices.filter { trainClasses.contains(data.train.labels[$0]) }),
                         test: testSource.subset(testSource.labels.indices.filter { !trainClasses.contains(testSource.labels[$0]) }))
    }

    /// The sample indices of each class, classes in ascending label order.
    static func classMembers(_ data: Dataset) -> [[Int]] {
        Dictionary(grouping: data.labels.indices, by: { data.labels[$0] })
            .sorted { $0.key < $1.key }
            .map(\.value)
    }

    /// Fisher–Yates with Lemire's multiply-shift bounded draw.
    static func shuffle(_ values: inout [Int], using generator: inout SeededGenerator) {
        guard values.count > 1 else { return }
        for index in stride(from: values.count - 1, to: 0, by: -1) {
            let other = Int(UInt64(index + 1).multipliedFullWidth(by: generator.next()).high)
            values.swapAt(index, other)
        }
    }
}
