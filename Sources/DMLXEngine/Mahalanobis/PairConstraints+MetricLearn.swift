import DMLXCore

extension PairConstraints {
    /// Exactly the pairs metric-learn 0.7.0's `Constraints(labels).positive_negative_pairs(
    /// count, random_state=randomState)` returns, in its order: what `ITML_Supervised` and
    /// `MMC_Supervised` train on for `fit(X, labels)` with an integer `random_state` (and
    /// `count = 20·C²` by default).
    ///
    /// metric-learn's `_pairs` runs on one NumPy `RandomState(randomState)`
    /// (`NumPyLegacyRandom`), positives first: up to 10 rounds, each drawing all of its
    /// `needed = count − len(set)` anchors at once (`randint(len(labels), size=needed)`),
    /// then for each anchor with candidates one partner (`choice(candidates)`, candidates in
    /// increasing index order); the pairs go into a Python `set`, returned as `list(set)` (a
    /// round adds at most `needed`, so never more than `count`), so the order is CPython's set
    /// iteration order (`CPythonPairSet`, CPython 3.11), which matters to ITML's cyclic
    /// projections. Labels must be non-negative, as metric-learn ignores negative ones.
    static func metricLearnPairs(labels: [Int], count: Int,
                                 randomState: UInt32) -> (positive: [(Int, Int)], negative: [(Int, Int)]) {
        precondition(labels.allSatisfy { $0 >= 0 }, "metric-learn treats negative labels as unknown")
        var state = NumPyLegacyRandom(seed: randomState)
        let partners = Self.partners(labels: labels)
        let positive = Self.metricLearnDraw(count: count, labels: labels, state: &state, partners: partners.same)
        return (positive, Self.metricLearnDraw(count: count, labels: labels, state: &state, partners: partners.other))
    }

    /// metric-learn's `Constraints._pairs` with `max_iter = 10`.
    private static func metricLearnDraw(count: Int, labels: [Int], state: inout NumPyLegacyRandom,
                                        partners: (Int) -> [Int]) -> [(Int, Int)] {
        var pairs = CPythonPairSet()
        for _ in 0..<10 where pairs.count < count {
            let anchors = (0..<(count - pairs.count)).map { _ in state.randomInteger(in: 0..<labels.count) }
            for anchor in anchors {
                let choices = partners(anchor)
                guard !choices.isEmpty else { continue }
                pairs.insert((anchor, choices[state.randomInteger(in: 0..<choices.count)]))
            }
        }
        return pairs.elements
    }
}
