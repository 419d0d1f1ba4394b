import DMLXCore

extension DataSplit {
    /// This split with a `fraction` of its training part moved to `validation` (`--validation`);
    /// the test part is left exactly as it is, so test numbers with and without a validation
    /// part are of the same samples.
    ///
    /// - Zero-shot: round(fraction · C) of the C training classes, whole, chosen by a Fisher–Yates
    ///   shuffle of the classes (ascending) drawn from the seed's `RandomStream.validationSplit`:
    ///   validation classes are disjoint from the remaining training classes and from the test
    ///   classes, as Musgrave et al. (*A Metric Learning Reality Check*, 2020) prescribe, so the
    ///   validation score estimates performance on unseen classes, as the test does.
    /// - Stratified: of each class's n samples, round(fraction · n), at most n − 1 (every class keeps
    ///   a training sample), chosen by shuffling the class's indices with that stream.
    ///
    /// Rounding is to the nearest, halves away from zero. Both parts keep the source order. The
    /// same split, fraction and seed always give the same parts.
    ///
    /// Throws `TrainingError.invalidConfiguration` naming `--validation` and `source` when
    /// training would keep fewer than 2 classes, or validation would have fewer than 2 classes
    /// with at least 2 samples each: with one class every neighbour is right (MAP@R is 1 whatever
    /// the model), with no pair of a class there is no query to score.
    public func holdingOutValidation(_ fraction: Double, protocol splitProtocol: SplitProtocol, seed: UInt64,
                                     source: String) throws -> DataSplit {
        var generator = SeededGenerator(seed: seed).derived(RandomStream.validationSplit.rawValue)
        let held = switch splitProtocol {
        case .zeroShot: try heldOutClasses(fraction, generator: &generator, source: source)
        case .stratified: heldOutSamples(fraction, generator: &generator)
        }
        let heldSet = Set(held)
        let kept = train.labels.indices.filter { !heldSet.contains($0) }
        let result = DataSplit(train: train.subset(kept), test: test, validation: train.subset(held.sorted()))
        try result.requireUsableValidation(fraction, protocol: splitProtocol, source: source)
        return result
    }

    /// The indices of round(fraction · C) whole training classes.
    private func heldOutClasses(_ fraction: Double, generator: inout SeededGenerator, source: String) throws -> [Int] {
        let classes = train.classes
        let count = Int((fraction * Double(classes.count)).rounded())
        guard count >= 2 && classes.count - count >= 2 else {
            let advice = classes.count >= 4
                ? "with \(classes.count) training classes, hold out 2 to \(classes.count - 2) of them"
                : "zero-shot validation needs at least 4 training classes; use --split stratified"
            throw TrainingError.invalidConfiguration(
                "--validation \(fraction) of the \(classes.count) training classes of \(source)'s zero-shot split holds out \(count); validation needs at least 2 whole classes and training keeps at least 2: \(advice)")
        }
        var order = Array(classes.indices)
        Self.shuffle(&order, using: &generator)
        let heldClasses = Set(order.prefix(count).map { classes[$0] })
        return train.labels.indices.filter { heldClasses.contains(train.labels[$0]) }
    }

    /// The indices of round(fraction · n) samples of each class, at most n − 1.
    private func heldOutSamples(_ fraction: Double, generator: inout SeededGenerator) -> [Int] {
        Self.classMembers(train).flatMap { members in
            var shuffled = members
            Self.shuffle(&shuffled, using: &generator)
            return shuffled.prefix(min(Int((fraction * Double(members.count)).rounded()), members.count - 1))
        }
    }

    private func requireUsableValidation(_ fraction: Double, protocol splitProtocol: SplitProtocol, source: String) throws {
        let scoredClasses = Dictionary(grouping: validation?.labels ?? [], by: { $0 }).values.count { $0.count >= 2 }
        guard Set(train.labels).count >= 2, scoredClasses >= 2 else {
            throw TrainingError.invalidConfiguration(
                "--validation \(fraction) of \(source)'s \(splitProtocol.rawValue) training split leaves \(Set(train.labels).count) training classes and \(scoredClasses) validation classes with 2 or more samples; each needs at least 2 (try a larger fraction or more data)")
        }
    }
}
