import DMLXCurses
import Testing

@Suite struct TerminalLocaleTests {
    @Test func requestedLocaleFollowsPosixPrecedence() {
        let environment = ["LC_ALL": "", "LC_CTYPE": "de_DE.UTF-8", "LANG": "C"]
        #expect(TerminalLocale.requestedLocale { environment[$0] } == "de_DE.UTF-8")
        #expect(TerminalLocale.requestedLocale { ["LANG": "C", "LC_ALL": "POSIX"][$0] } == "POSIX")
        #expect(TerminalLocale.requestedLocale { _ in nil } == nil)
    }

    @Test(arguments: [
        (String?.none, true, true),
        ("C", true, true),
        ("POSIX", true, true),
        ("en_US.UTF-8", false, true),
        ("en_US.utf8", true, true),
        ("en_US", false, true),
        ("en_US.ISO-8859-1", true, false),
        ("ru_RU.KOI8-R", true, false),
    ])
    func fallsBackOnlyWhenNoOtherCharacterSetWasAskedFor(requested: String?, loaded: Bool, expected: Bool) {
        #expect(TerminalLocale.shouldFallBack(requested: requested, loaded: loaded) == expected)
    }
}
