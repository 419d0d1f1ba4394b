import Testing
import DMLXTerm
import DMLXTestSupport

@Suite struct PanelTests {
    @Test func boxWithTitle() {
        var buffer = Buffer(width: 10, height: 4)
        Box(title: "Run").render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == ["┌ Run ───┐", "│        │", "│        │", "└────────┘"])
        #expect(Box().inner(buffer.area) == Rect(x: 1, y: 1, width: 8, height: 2))
        var ascii = Buffer(width: 10, height: 3)
        Box(title: "A very long title", glyphs: .ascii).render(into: &ascii, area: ascii.area)
        #expect(ascii.lines == ["+ A ver~ +", "|        |", "+--------+"])
        #expect(ascii[2, 0].style == .foreground(.title, bold: true) && ascii[0, 0].style == .foreground(.border))
    }

    @Test func statusBarSegments() {
        var buffer = Buffer(width: 30, height: 1)
        let bar = StatusBar(left: [.init("dmlx"), .init("epoch 3")], right: [.init("? help")])
        bar.render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == [" dmlx  epoch 3         ? help"])
        #expect(buffer.cells.allSatisfy { $0.style == Style(reverse: true) })
        var narrow = Buffer(width: 10, height: 1)
        bar.render(into: &narrow, area: narrow.area)
        #expect(narrow.lines == [" dmlx  ep…"])
    }

    @Test func helpOverlayIsCentredAndBoxed() {
        var buffer = Buffer(width: 30, height: 7, filling: Cell("."))
        HelpOverlay(title: "Keys", entries: [.init("space", "pause"), .init("q", "quit")]).render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == [
            "..............................",
            ".......┌ Keys ────────┐.......",
            ".......│ space  pause │.......",
            ".......│ q      quit  │.......",
            ".......└──────────────┘.......",
            "..............................",
            "..............................",
        ])
        var small = Buffer(width: 12, height: 3)
        HelpOverlay(title: "Keys", entries: [.init("space", "pause"), .init("q", "quit")]).render(into: &small, area: small.area)
        #expect(small.lines == ["┌ Keys ────┐", "│ space  p │", "└──────────┘"])
    }

    @Test func helpOverlayWrapsDescriptionsTooWideForTheArea() {
        var buffer = Buffer(width: 24, height: 6)
        HelpOverlay(title: "Keys", entries: [.init("p", "cycle maps: PCA, t-SNE, UMAP"), .init("q", "quit")])
            .render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == [
            "┌ Keys ────────────────┐",
            "│ p  cycle maps: PCA,  │",
            "│    t-SNE, UMAP       │",
            "│ q  quit              │",
            "└──────────────────────┘",
            "",
        ])
    }

    @Test func tooSmallPanel() {
        let panel = TooSmallPanel(required: (80, 24), actual: (40, 10))
        var wide = Buffer(width: 50, height: 3)
        panel.render(into: &wide, area: wide.area)
        #expect(wide.lines == ["", "    terminal too small: need 80×24, have 40×10", ""])
        var narrow = Buffer(width: 40, height: 3)
        TooSmallPanel(required: (80, 24), actual: (40, 10), glyphs: .ascii).render(into: &narrow, area: narrow.area)
        #expect(narrow.lines == [
            "           terminal too small",
            "               need 80x24",
            "               have 40x10",
        ])
    }

    @Test func thumbnailWithCaption() {
        let image = HalfBlockImage(width: 2, height: 2, pixels: [0, 1, 0, 1])
        var buffer = Buffer(width: 2, height: 2)
        ImageThumbnail(image: image, caption: "7").render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == ["▀▀", "7"])
        ImageThumbnail(image: image, caption: "seven", glyphs: .ascii, capability: .eight).render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == [" @", "s~"])
    }
}
