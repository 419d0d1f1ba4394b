import Testing
import DMLXTerm
import DMLXTestSupport

@Suite struct TableTests {
    let table = Table(
        columns: [Table.Column("name"), .numeric("R@1"), Table.Column("note", width: .fill(1))],
        rows: [Table.Row(["triplet", "0.91", "ok"]), Table.Row(["proxy-nca", "0.935", "long text here"])],
        highlightedRow: 1)

    @Test func columnsFitFillAndAlign() {
        var buffer = Buffer(width: 30, height: 4)
        table.render(into: &buffer, area: buffer.area)
        // Widths 9 and 5 fit the content; "note" fills the remaining 30 − 4 − 14 = 12.
        #expect(buffer.lines == [
            "name         R@1  note",
            "triplet     0.91  ok",
            "proxy-nca  0.935  long text h…",
            "",
        ])
        #expect(buffer[0, 0].style == Style(bold: true))
        #expect((0..<30).allSatisfy { buffer[$0, 2].style.background == .selection })
        #expect(buffer[0, 1].style == Style())
    }

    @Test func narrowAreasDropColumnsFromTheRight() {
        var buffer = Buffer(width: 12, height: 3)
        table.render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == ["name", "triplet", "proxy-n…"])
    }

    @Test func theHighlightedRowIsScrolledIntoView() {
        let rows = (0..<10).map { Table.Row(["row \($0)"]) }
        var buffer = Buffer(width: 8, height: 3)
        Table(columns: [Table.Column("n")], rows: rows, highlightedRow: 6).render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == ["n", "row 5", "row 6"])
    }

    @Test func neighbourList() {
        let entries = [
            NeighborList.Entry(rank: 1, index: 17, label: "7", distance: 0.5, isWrongClass: false),
            NeighborList.Entry(rank: 2, index: 230, label: "1", distance: 1.25, isWrongClass: true),
            NeighborList.Entry(rank: 3, index: 4, label: "7", distance: 1.5, isWrongClass: false, isFarOnMap: true),
        ]
        var buffer = Buffer(width: 30, height: 4)
        NeighborList(entries: entries).render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == [
            "# index label     distance",
            "1    17 7            0.500",
            "2   230 1            1.250 ✗",
            "3     4 7            1.500   ↯",
        ])
        #expect(buffer[8, 2].style == .foreground(.bad) && buffer[8, 1].style == Style())
        var ascii = Buffer(width: 30, height: 4)
        NeighborList(entries: entries, glyphs: .ascii).render(into: &ascii, area: ascii.area)
        #expect(ascii.lines[2].hasSuffix("1.250 x") && ascii.lines[3].hasSuffix("1.500   !"))
    }
}
