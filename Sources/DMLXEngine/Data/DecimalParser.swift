import Foundation

/// Parses one decimal number from bytes without building a `String`.
///
/// Fast path (Clinger 1990): at most 19 significant digits whose value is below 2^53 and a
/// decimal exponent within ±22 give a correctly rounded `Double` with one multiplication or
/// division by an exact power of ten. Anything else (long mantissas, large exponents,
/// `nan`, `inf`, hexadecimal) goes to `strtod`, so results equal `Double(String)`.
enum DecimalParser {
    private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    /// The number spelled by all of `bytes[range]`, or nil if it is not exactly one number.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        fastPath(bytes, range) ?? strtodPath(bytes, range)
    }

    private static func fastPath(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        var index = range.lowerBound
        let end = range.upperBound
        guard index < end else { return nil }
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative || bytes[index] == UInt8(ascii: "+") { index += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var seenPoint = false
        var seenDigit = false
        while index < end {
            let byte = bytes[index]
            if byte &- 48 < 10 {
                guard digits < 19 else { return nil }
                seenDigit = true
                mantissa = mantissa &* 10 &+ UInt64(byte &- 48)
                if mantissa != 0 { digits += 1 }
                if seenPoint { exponent -= 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                break
            }
            index += 1
        }
        guard seenDigit, index == end || isExponentMarker(bytes[index]) else { return nil }
        if index < end {
            guard let written = exponentValue(bytes, (index + 1)..<end) else { return nil }
            exponent += written
        }
        guard mantissa < 1 << 53, abs(exponent) <= 22 else { return nil }
        let magnitude = exponent >= 0 ? Double(mantissa) * powersOfTen[exponent]
                                      : Double(mantissa) / powersOfTen[-exponent]
        return negative ? -magnitude : magnitude
    }

    private static func isExponentMarker(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    /// A short signed decimal exponent, or nil (malformed or too long for the fast path).
    private static func exponentValue(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var index = range.lowerBound
        guard index < range.upperBound else { return nil }
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative || bytes[index] == UInt8(ascii: "+") { index += 1 }
        guard index < range.upperBound, range.upperBound - index <= 4 else { return nil }
        var value = 0
        while index < range.upperBound {
            let digit = bytes[index] &- 48
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
            index += 1
        }
        return negative ? -value : value
    }

    private static func strtodPath(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        guard !range.isEmpty, range.count < 512 else { return nil }
        var text = [CChar](repeating: 0, count: range.count + 1)
        for (offset, index) in range.enumerated() { text[offset] = CChar(bitPattern: bytes[index]) }
        return text.withUnsafeBufferPointer { buffer -> Double? in
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            guard let end, end - UnsafeMutablePointer(mutating: buffer.baseAddress!) == range.count else { return nil }
            return value
        }
    }
}
