import Testing
import DMLXApp
@Suite struct ScreenKindTests {
    @Test func tabOrder() { #expect(ScreenKind.allCases == [.dashboard, .compare, .inspect]) }
}
