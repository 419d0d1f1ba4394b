/// A set of pairs of non-negative integers that iterates in exactly the order of a CPython
/// 3.11 `set` of 2-tuples of those integers (Python `int`s or NumPy integer scalars, whose
/// hashes agree) after the same sequence of `add`s on 64-bit CPython, so that `list(s)` in
/// Python code can be reproduced element for element (metric-learn's pair constraints).
///
/// Reproduces, from CPython 3.11's Objects/tupleobject.c and Objects/setobject.c (the same
/// algorithm since 3.8 for tuples and 3.7 for sets; not guaranteed for other versions):
/// - `hash(x) == x` for `0 <= x < 2⁶¹ − 1` (Python's integer hash is x mod 2⁶¹ − 1);
/// - `tuplehash`, the xxHash-style accumulation: `acc = P5`, for each item
///   `acc = rotl31(acc + hash(item)·P2)·P1` (mod 2⁶⁴), then `acc += 2 ^ P5 ^ 3527539`, with
///   -1 replaced by 1546275796;
/// - `set_add_entry`: a table of 8 slots (`mask = 7`) to start; from `i = hash & mask`, look
///   at slots `i ... i+9` when `i + 9 <= mask` (`LINEAR_PROBES = 9`) or slot `i` alone
///   otherwise, stop at an equal entry (no insertion) or an empty slot (insert there); else
///   `perturb >>= 5`, `i = (5i + 1 + perturb) & mask` with `perturb` starting at the hash;
/// - after an insertion, when `fill·5 >= mask·3`, `set_table_resize` to the smallest power of
///   two above `used·4` (`used·2` beyond 50,000 entries), reinserting the entries in old-slot
///   order with the same probe sequence (`set_insert_clean`);
/// - iteration in slot order.
/// Nothing is ever removed, so there are no dummy slots and `fill == used`.
public struct CPythonPairSet: Sendable {
    private var slots: [(hash: UInt64, pair: (Int, Int))?] = Array(repeating: nil, count: 8)
    public private(set) var count = 0

    public init() {}

    /// The pairs in CPython's iteration order.
    public var elements: [(Int, Int)] { slots.compactMap { $0?.pair } }

    /// `s.add((pair.0, pair.1))`.
    public mutating func insert(_ pair: (Int, Int)) {
        precondition(pair.0 >= 0 && pair.1 >= 0, "only non-negative integers hash to themselves")
        let hash = Self.tupleHash(pair)
        guard Self.place(hash: hash, pair: pair, in: &slots, stoppingAtEqual: true) else { return }
        count += 1
        let mask = slots.count - 1
        guard count * 5 >= mask * 3 else { return }
        let minimumUsed = count > 50_000 ? count * 2 : count * 4
        var size = 8
        while size <= minimumUsed { size <<= 1 }
        var resized: [(hash: UInt64, pair: (Int, Int))?] = Array(repeating: nil, count: size)
        for case let entry? in slots { Self.place(hash: entry.hash, pair: entry.pair, in: &resized, stoppingAtEqual: false) }
        slots = resized
    }

    /// CPython 3.11's `hash((a, b))` for non-negative `a`, `b` below 2⁶¹ − 1, as unsigned bits.
    public static func tupleHash(_ pair: (Int, Int)) -> UInt64 {
        let prime1: UInt64 = 11_400_714_785_074_694_791, prime2: UInt64 = 14_029_467_366_897_019_727
        let prime5: UInt64 = 2_870_177_450_012_600_261
        var accumulator = prime5
        for item in [pair.0, pair.1] {
            accumulator = accumulator &+ UInt64(item) &* prime2
            accumulator = (accumulator << 31 | accumulator >> 33) &* prime1
        }
        accumulator = accumulator &+ (2 ^ (prime5 ^ 3_527_539))
        return accumulator == UInt64.max ? 1_546_275_796 : accumulator
    }

    /// Puts the entry in the first empty slot of its probe sequence; returns false, inserting
    /// nothing, when `stoppingAtEqual` and an equal pair comes first.
    @discardableResult
    private static func place(hash: UInt64, pair: (Int, Int), in slots: inout [(hash: UInt64, pair: (Int, Int))?],
                              stoppingAtEqual: Bool) -> Bool {
        let mask = UInt64(slots.count - 1)
        var index = hash & mask
        var perturb = hash
        while true {
            let last = index + 9 <= mask ? index + 9 : index
            for slot in Int(index)...Int(last) {
                guard let entry = slots[slot] else {
                    slots[slot] = (hash, pair)
                    return true
                }
                if stoppingAtEqual && entry.hash == hash && entry.pair == pair { return false }
            }
            perturb >>= 5
            index = (index &* 5 &+ 1 &+ perturb) & mask
        }
    }
}
