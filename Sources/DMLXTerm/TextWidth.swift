/// Display width of text in terminal columns, following wcwidth(3) conventions:
/// East-Asian wide and full-width characters and emoji take 2 columns, combining marks,
/// format characters (zero-width joiner, ...) and control characters take 0, everything else 1.
///
/// A `Character` is a grapheme cluster, so "e" + U+0301 is one character of width 1; its
/// width is decided by its first scalar, except that an emoji variation selector (U+FE0F)
/// makes an emoji-capable base 2 columns wide.
public enum TextWidth {
    /// Where padding puts the text.
    public enum Alignment: Sendable, Equatable {
        case left, right, center
    }

    private static let narrowSymbols: [ClosedRange<UInt32>] = [0x2010...0x2027, 0x2500...0x25FC, 0x2800...0x28FF]

    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        let first = scalars.first!
        let value = first.value
        if value >= 0x20 && value < 0x7F { return 1 }
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return 0 }
        if value < 0x300 { return 1 }
        // What the widgets draw most (braille, box drawing, blocks, shapes, dashes and the
        // ellipsis) is narrow: answered without a Unicode property lookup, which would cost
        // more than the rest of drawing a frame. A following variation selector (emoji
        // style) makes a second scalar and takes the full path.
        if Self.narrowSymbols.contains(where: { $0.contains(value) }),
           scalars.index(after: scalars.startIndex) == scalars.endIndex { return 1 }
        if isWide(value) { return 2 }
        let properties = first.properties
        if properties.isEmojiPresentation { return 2 }
        if properties.isEmoji && scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: return (0x1160...0x11FF).contains(value) ? 0 : 1
        }
    }

    public static func of<S: StringProtocol>(_ string: S) -> Int {
        var width = 0
        for character in string { width += of(character) }
        return width
    }

    /// `string` cut to at most `width` columns; when cut, the last column shows `ellipsis`.
    public static func truncate<S: StringProtocol>(_ string: S, to width: Int, ellipsis: Character = "…") -> String {
        guard width > 0 else { return "" }
        if of(string) <= width { return String(string) }
        let room = width - of(ellipsis)
        var result = ""
        var used = 0
        for character in string {
            let characterWidth = of(character)
            if used + characterWidth > room { break }
            result.append(character)
            used += characterWidth
        }
        if room >= 0 { result.append(ellipsis) }
        return result
    }

    /// `string` padded with spaces to `width` columns (unchanged when already wider).
    public static func pad<S: StringProtocol>(_ string: S, to width: Int, alignment: Alignment = .left) -> String {
        let missing = width - of(string)
        guard missing > 0 else { return String(string) }
        let before = switch alignment {
        case .left: 0
        case .right: missing
        case .center: missing / 2
        }
        return String(repeating: " ", count: before) + string + String(repeating: " ", count: missing - before)
    }

    /// `string` truncated and then padded to exactly `width` columns.
    public static func fit<S: StringProtocol>(_ string: S, to width: Int, alignment: Alignment = .left, ellipsis: Character = "…") -> String {
        pad(truncate(string, to: width, ellipsis: ellipsis), to: width, alignment: alignment)
    }

    /// East-Asian Wide and Fullwidth ranges (Unicode 15 EastAsianWidth.txt, W and F),
    /// sorted, for a binary search.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A,
        0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB,
        0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    private static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound { high = middle - 1 }
            else if value > range.upperBound { low = middle + 1 }
            else { return true }
        }
        return false
    }
}
