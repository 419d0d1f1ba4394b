import DMLXCore

/// Seeded, stacked byte-level mutations in the manner of AFL's "havoc" stage: each input is
/// a seed with 1 to 4 edits chosen from bit flips, random bytes, "interesting" integers
/// written little- or big-endian (0, −1, the signed and unsigned extremes, 2³², 2⁴⁰, 2⁶²),
/// interesting decimal text (NaN, 1e309, 2⁶², −1, long digit runs) for the text formats,
/// deletions, duplications, truncation, and splices with another seed of the format.
/// The same (seeds, index, seed) always gives the same input, so a failure found by
/// input number can be replayed.
struct Mutator {
    let seeds: [[UInt8]]

    static let interestingIntegers: [UInt64] = [
        0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF,
        1 << 32, 1 << 40, 1 << 62, UInt64(Int64.max), UInt64(bitPattern: -1), UInt64(bitPattern: -2),
    ]
    static let interestingText = [
        "nan", "NaN", "inf", "-inf", "1e309", "-1", "0", "4611686018427387904", "99999999999999999999999",
        "1e-400", "-0", "", "\t", ",", "\n", "\"", "'", "(", ")", "{", "}", "[", "]", "\u{FEFF}", "é",
    ]

    /// Input number `index` of the run seeded with `seed`.
    func input(_ index: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededGenerator(seed: seed).derived(UInt64(index))
        var bytes = seeds[Int(generator.next() % UInt64(seeds.count))]
        let edits = 1 + Int(generator.next() % 4)
        for _ in 0..<edits { mutate(&bytes, &generator) }
        return bytes
    }

    private func mutate(_ bytes: inout [UInt8], _ generator: inout SeededGenerator) {
        func position(_ extra: Int = 0) -> Int { Int(generator.next() % UInt64(bytes.count + extra)) }
        guard !bytes.isEmpty else { bytes = [UInt8(truncatingIfNeeded: generator.next())]; return }
        switch generator.next() % 10 {
        case 0:
            bytes[position()] ^= 1 << UInt8(generator.next() % 8)
        case 1:
            bytes[position()] = UInt8(truncatingIfNeeded: generator.next())
        case 2:
            let value = Self.interestingIntegers[Int(generator.next() % UInt64(Self.interestingIntegers.count))]
            let width = [1, 2, 4, 8][Int(generator.next() % 4)]
            let start = position()
            let littleEndian = (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
            let encoded = generator.next() % 2 == 0 ? littleEndian : littleEndian.reversed()
            for (offset, byte) in encoded.enumerated() where start + offset < bytes.count { bytes[start + offset] = byte }
        case 3:
            let text = Array(Self.interestingText[Int(generator.next() % UInt64(Self.interestingText.count))].utf8)
            let start = position()
            let end = min(bytes.count, start + Int(generator.next() % 24))
            bytes.replaceSubrange(start..<end, with: text)
        case 4:
            let start = position()
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + Int(generator.next() % 64)))
        case 5:
            let start = position()
            let chunk = bytes[start..<min(bytes.count, start + 1 + Int(generator.next() % 256))]
            bytes.insert(contentsOf: chunk, at: position(1))
        case 6:
            bytes.removeLast(Int(generator.next() % UInt64(bytes.count)))
        case 7:
            let other = seeds[Int(generator.next() % UInt64(seeds.count))]
            guard !other.isEmpty else { return }
            let cut = position(), otherCut = Int(generator.next() % UInt64(other.count))
            bytes = Array(bytes[..<cut]) + other[otherCut...]
        case 8:
            let count = 1 + Int(generator.next() % 16)
            bytes.insert(contentsOf: (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }, at: position(1))
        default:
            // A digit run (a size, a count, a value in text) replaced by an interesting number.
            let start = position()
            guard let digit = bytes[start...].firstIndex(where: { (0x30...0x39).contains($0) }) else { return }
            let end = bytes[digit...].firstIndex { !(0x30...0x39).contains($0) && $0 != 0x2E } ?? bytes.count
            let text = Array(Self.interestingText[Int(generator.next() % 9)].utf8)
            bytes.replaceSubrange(digit..<end, with: text)
        }
    }
}
