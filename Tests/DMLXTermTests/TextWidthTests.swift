import Testing
import DMLXTerm

@Suite struct TextWidthTests {
    @Test func widths() {
        #expect(TextWidth.of("abc") == 3)
        #expect(TextWidth.of("日本") == 4)
        #expect(TextWidth.of("e\u{301}") == 1)
        #expect(TextWidth.of("\u{E9}") == 1)
        #expect(TextWidth.of(Character("\u{301}")) == 0)
        #expect(TextWidth.of("\t\u{1B}") == 0)
        #expect(TextWidth.of("🙂") == 2)
        #expect(TextWidth.of("\u{2764}\u{FE0F}") == 2)
        #expect(TextWidth.of("\u{2764}") == 1)
        #expect(TextWidth.of("👍🏽") == 2)
        #expect(TextWidth.of("한글") == 4)
        #expect(TextWidth.of("ｶﾅ") == 2)
        #expect(TextWidth.of("⣿─◆…") == 4)
        #expect(TextWidth.of("a\u{200B}b") == 2)
    }

    @Test func truncation() {
        #expect(TextWidth.truncate("hello world", to: 8) == "hello w…")
        #expect(TextWidth.truncate("hello", to: 5) == "hello")
        #expect(TextWidth.truncate("hello", to: 1) == "…")
        #expect(TextWidth.truncate("hello", to: 0) == "")
        #expect(TextWidth.truncate("日本語", to: 5) == "日本…")
        #expect(TextWidth.truncate("日本語", to: 4) == "日…")
        #expect(TextWidth.truncate("abcdef", to: 4, ellipsis: "~") == "abc~")
    }

    @Test func padding() {
        #expect(TextWidth.pad("ab", to: 5) == "ab   ")
        #expect(TextWidth.pad("ab", to: 5, alignment: .right) == "   ab")
        #expect(TextWidth.pad("ab", to: 5, alignment: .center) == " ab  ")
        #expect(TextWidth.pad("日本", to: 5) == "日本 ")
        #expect(TextWidth.pad("abcdef", to: 3) == "abcdef")
        #expect(TextWidth.fit("abcdef", to: 3, alignment: .right) == "ab…")
        #expect(TextWidth.fit("7", to: 3, alignment: .right) == "  7")
    }
}
