import Testing
import DMLXTerm
@Suite struct CellTests {
    @Test func blankIsASpace() { #expect(Cell.blank.symbol == " ") }
}
