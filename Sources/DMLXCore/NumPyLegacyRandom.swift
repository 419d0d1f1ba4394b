/// NumPy's legacy `numpy.random.RandomState(seed)` for an integer seed, draw for draw, so that
/// dmlx can reproduce index choices made by Python code (scikit-learn's `random_state=seed`).
///
/// Reproduces, for `RandomState(seed)` with `0 <= seed < 2**32`:
/// - the bit stream: MT19937 (Matsumoto & Nishimura 1998) seeded by `init_genrand(seed)`
///   (`key[0] = seed`, `key[i] = 1812433253 · (key[i-1] ^ (key[i-1] >> 30)) + i` mod 2³²), which is
///   what `MT19937._legacy_seeding` does for an integer; `nextUInt32()` is one tempered output
///   (`_bit_generator.random_raw()`), `nextUInt64()` two of them, high word first;
/// - `random_sample()`: `(a >> 5 · 2²⁶ + b >> 6) / 2⁵³` from two outputs a, b;
/// - `randint(low, high)` with the default int64 dtype: `low + interval(high - 1 - low)`;
/// - `random_interval(max)` (`interval(_:)`), the masked rejection sampling NumPy's legacy
///   functions use: draw (32 bits while `max < 2³²`, else 64) and mask to the smallest
///   `2ᵏ − 1 >= max`, until the value is at most `max`; `max == 0` draws nothing;
/// - `shuffle(x)` for a 1-D array: `for i in n-1 ... 1 { swap(x[i], x[interval(i)]) }`;
/// - `permutation(n)` and `permutation(array)`: a shuffled `arange(n)` or copy of the array;
/// - `choice(a, size, replace=False)` without `p`: `a[permutation(len(a))[:size]]`, which
///   shuffles the whole population even when `size` is smaller (or zero), as NumPy does.
///
/// Newer NumPy `Generator`s draw differently (Lemire's bounded integers, other shuffles); only
/// the legacy `RandomState`, which scikit-learn's `check_random_state(int)` returns, is covered.
public struct NumPyLegacyRandom: Sendable, Equatable {
    private static let stateSize = 624
    private static let shift = 397
    private var key: [UInt32]
    private var position: Int

    public init(seed: UInt32) {
        var key = [UInt32](repeating: 0, count: Self.stateSize)
        key[0] = seed
        for index in 1..<Self.stateSize {
            key[index] = 1_812_433_253 &* (key[index - 1] ^ (key[index - 1] >> 30)) &+ UInt32(index)
        }
        self.key = key
        position = Self.stateSize
    }

    /// The next tempered MT19937 output.
    public mutating func nextUInt32() -> UInt32 {
        if position == Self.stateSize { regenerate() }
        var y = key[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        return y ^ (y >> 18)
    }

    /// Two outputs, the first as the high word (NumPy's `mt19937_next64`).
    public mutating func nextUInt64() -> UInt64 {
        let high = UInt64(nextUInt32())
        return high << 32 | UInt64(nextUInt32())
    }

    /// `random_sample()`: a uniform double in [0, 1) with 53 random bits from two outputs.
    public mutating func randomSample() -> Double {
        let high = Double(nextUInt32() >> 5), low = Double(nextUInt32() >> 6)
        return (high * 67_108_864 + low) / 9_007_199_254_740_992
    }

    /// `random_interval(max)`: a uniform integer in `0...max` by masked rejection.
    public mutating func interval(_ max: UInt64) -> UInt64 {
        guard max > 0 else { return 0 }
        let mask = UInt64.max >> max.leadingZeroBitCount
        if max <= UInt64(UInt32.max) {
            while true {
                let value = UInt64(nextUInt32()) & mask
                if value <= max { return value }
            }
        }
        while true {
            let value = nextUInt64() & mask
            if value <= max { return value }
        }
    }

    /// `randint(range.lowerBound, range.upperBound)` (int64 dtype): uniform in `range`.
    public mutating func randomInteger(in range: Range<Int>) -> Int {
        precondition(!range.isEmpty, "randint needs low < high, got \(range)")
        let width = UInt64(bitPattern: Int64(range.upperBound &- 1 &- range.lowerBound))
        return range.lowerBound &+ Int(truncatingIfNeeded: interval(width))
    }

    /// `shuffle(values)` for a 1-D array: Fisher–Yates from the last position down.
    public mutating func shuffle<Element>(_ values: inout [Element]) {
        for index in values.indices.dropFirst().reversed() {
            values.swapAt(index, Int(interval(UInt64(index))))
        }
    }

    /// `permutation(count)`: `0..<count` shuffled.
    public mutating func permutation(_ count: Int) -> [Int] {
        permutation(of: Array(0..<count))
    }

    /// `permutation(values)`: a shuffled copy.
    public mutating func permutation<Element>(of values: [Element]) -> [Element] {
        var copy = values
        shuffle(&copy)
        return copy
    }

    /// `choice(values, size: count, replace=False)` with uniform weights.
    public mutating func choiceWithoutReplacement<Element>(from values: [Element], count: Int) -> [Element] {
        precondition((0...values.count).contains(count), "cannot take \(count) of \(values.count) without replacement")
        return permutation(values.count).prefix(count).map { values[$0] }
    }

    /// NumPy's `mt19937_gen`: the standard MT19937 twist of all 624 words.
    private mutating func regenerate() {
        let n = Self.stateSize, m = Self.shift
        for index in 0..<n {
            let y = (key[index] & 0x8000_0000) | (key[(index + 1) % n] & 0x7FFF_FFFF)
            key[index] = key[(index + m) % n] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_B0DF)
        }
        position = 0
    }
}
