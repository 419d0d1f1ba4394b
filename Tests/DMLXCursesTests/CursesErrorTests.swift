import Testing
import DMLXCurses
@Suite struct CursesErrorTests {
    @Test func notATerminalSuggestsTheHeadlessCommands() {
        #expect(CursesError.notATerminal.description.contains("dmlx train"))
    }
}
