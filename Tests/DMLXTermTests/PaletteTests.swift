import Testing
import DMLXTerm

@Suite struct PaletteTests {
    let palette = Palette.standard

    @Test func rolesDegradeFrom256To8ToAttributes() {
        let title = Style.foreground(.title)
        #expect(palette.resolve(title, for: .extended256) == ResolvedStyle(foreground: 75))
        #expect(palette.resolve(title, for: .eight) == ResolvedStyle(foreground: 6))
        #expect(palette.resolve(title, for: .none) == ResolvedStyle(bold: true))
        let selected = Style(foreground: .text, background: .selection)
        #expect(palette.resolve(selected, for: .extended256) == ResolvedStyle(background: 24))
        #expect(palette.resolve(selected, for: .none) == ResolvedStyle(reverse: true))
        #expect(palette.resolve(Style.foreground(.dim), for: .none) == ResolvedStyle(dim: true))
        #expect(palette.resolve(Style(), for: .extended256) == ResolvedStyle())
    }

    @Test func classesAndSeriesCycle() {
        let classes = (0..<20).map { palette.color256(.classColor($0)) }
        #expect(Set(classes.compactMap { $0 }).count == 20)
        #expect(palette.color256(.classColor(20)) == palette.color256(.classColor(0)))
        #expect(palette.color256(.classColor(-1)) == palette.color256(.classColor(19)))
        #expect((0..<12).allSatisfy { (1...6).contains(palette.color8(.classColor($0))!) })
        #expect(palette.color256(.gray(0)) == 232 && palette.color256(.gray(99)) == 255)
        #expect(palette.color8(.gray(3)) == 0 && palette.color8(.gray(20)) == 7)
    }

    @Test func capabilityAndGlyphsFromTheTerminal() {
        #expect(ColorCapability(colorCount: 256) == .extended256)
        #expect(ColorCapability(colorCount: 16) == .eight)
        #expect(ColorCapability(colorCount: 0) == .none)
        #expect(Glyphs(codeset: "UTF-8") == .unicode)
        #expect(Glyphs(codeset: "en_US.utf8") == .unicode)
        #expect(Glyphs(codeset: "ANSI_X3.4-1968") == .ascii)
    }
}
