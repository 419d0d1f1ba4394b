import DMLXCore

/// scikit-learn's stratified train/test split, index for index:
/// `train_test_split(arange(n), test_size=testFraction, stratify=labels, random_state=seed)`,
/// which is `next(StratifiedShuffleSplit(n_splits=1, test_size=testFraction, random_state=seed).split(X, labels))`
/// (scikit-learn 1.9, `_iter_indices`), so that a benchmark uses exactly the split a Python
/// reference used, and the reference numbers are comparable.
///
/// With n samples, n_test = ⌈testFraction · n⌉ and n_train = n − n_test. One
/// `NumPyLegacyRandom(seed)` (`check_random_state(seed)`) then draws, in this order:
/// 1. the per-class training counts, `_approximate_mode(class_counts, n_train)`, and the per-class
///    test counts, `_approximate_mode(class_counts − train_counts, n_test)`;
/// 2. for each class in ascending label order (`np.unique`), a permutation of its sample indices
///    (ascending, the stable argsort), whose first train_count go to train and the next
///    test_count to test;
/// 3. a permutation of the collected train indices and one of the test indices.
///
/// `_approximate_mode(counts, draws)`: each class gets ⌊counts_c / Σcounts · draws⌋ (in doubles,
/// in that order of operations), and the samples still missing go one each to the classes with
/// the largest fractional remainders; among classes with an equal remainder, more than are still
/// needed, `choice(replace=False)` picks which.
///
/// `train` and `test` are in scikit-learn's (shuffled) order.
public struct ScikitLearnStratifiedSplit: Sendable, Equatable {
    public let train: [Int]
    public let test: [Int]

    /// Requires `0 < testFraction < 1`, at least two samples in every class, and at least as many
    /// train and test samples as classes (scikit-learn raises `ValueError` otherwise).
    public init(labels: [Int], testFraction: Double, seed: UInt32) {
        precondition(testFraction > 0 && testFraction < 1, "test fraction \(testFraction) outside (0, 1)")
        let testCount = Int((testFraction * Double(labels.count)).rounded(.up))
        let trainCount = labels.count - testCount
        let members = Dictionary(grouping: labels.indices, by: { labels[$0] }).sorted { $0.key < $1.key }.map(\.value)
        let classCounts = members.map(\.count)
        precondition(classCounts.allSatisfy { $0 >= 2 }, "every class needs at least 2 samples, counts \(classCounts)")
        precondition(trainCount >= members.count && testCount >= members.count,
                     "\(trainCount) train and \(testCount) test samples cannot hold all \(members.count) classes")

        var random = NumPyLegacyRandom(seed: seed)
        let trainPerClass = Self.approximateMode(classCounts, draws: trainCount, random: &random)
        let testPerClass = Self.approximateMode(zip(classCounts, trainPerClass).map { $0 - $1 }, draws: testCount,
                                                random: &random)
        var train: [Int] = [], test: [Int] = []
        for (index, indices) in members.enumerated() {
            let shuffled = random.permutation(indices.count).map { indices[$0] }
            train += shuffled.prefix(trainPerClass[index])
            test += shuffled.dropFirst(trainPerClass[index]).prefix(testPerClass[index])
        }
        self.train = random.permutation(of: train)
        self.test = random.permutation(of: test)
    }

    /// scikit-learn's `_approximate_mode`, the most likely class counts of `draws` draws without
    /// replacement from a population with `counts`, off by at most one.
    private static func approximateMode(_ counts: [Int], draws: Int, random: inout NumPyLegacyRandom) -> [Int] {
        let total = Double(counts.reduce(0, +))
        let continuous = counts.map { Double($0) / total * Double(draws) }
        var result = continuous.map { Int($0.rounded(.down)) }
        var missing = draws - result.reduce(0, +)
        let remainders = zip(continuous, result).map { $0 - Double($1) }
        for remainder in Set(remainders).sorted(by: >) where missing > 0 {
            let tied = remainders.indices.filter { remainders[$0] == remainder }
            let added = min(tied.count, missing)
            for index in random.choiceWithoutReplacement(from: tied, count: added) { result[index] += 1 }
            missing -= added
        }
        return result
    }
}
