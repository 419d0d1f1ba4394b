import DMLXCurses
import DMLXTerm
import Testing

/// Attribute bits of ncurses (NCURSES_ATTR_SHIFT 8): reverse 1<<18, dim 1<<20, bold 1<<21.
@Suite struct CursesAttributesTests {
    static let reverse: UInt32 = 1 << 18
    static let dim: UInt32 = 1 << 20
    static let bold: UInt32 = 1 << 21

    @Test func plainStyleHasNoAttributes() {
        #expect(CursesAttributes.attributes(for: ResolvedStyle(foreground: 39, background: 24)) == 0)
    }

    @Test func eachFlagHasItsBit() {
        #expect(CursesAttributes.attributes(for: ResolvedStyle(bold: true)) == Self.bold)
        #expect(CursesAttributes.attributes(for: ResolvedStyle(dim: true)) == Self.dim)
        #expect(CursesAttributes.attributes(for: ResolvedStyle(reverse: true)) == Self.reverse)
        #expect(CursesAttributes.attributes(for: ResolvedStyle(bold: true, reverse: true, dim: true)) == Self.bold | Self.dim | Self.reverse)
    }

    /// Without colours the palette turns roles into attributes; the mapping carries them.
    @Test func monochromeRolesBecomeAttributes() {
        let palette = Palette.standard
        let title = palette.resolve(.foreground(.title), for: .none)
        let selected = palette.resolve(Style(background: .selection), for: .none)
        #expect(CursesAttributes.attributes(for: title) == Self.bold)
        #expect(CursesAttributes.attributes(for: selected) == Self.reverse)
    }
}
