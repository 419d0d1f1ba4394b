import Testing
import DMLXTerm
import DMLXTestSupport

@Suite struct SnapshotTests {
    @Test func dashboard80x24() {
        assertSnapshot(SampleScreens.dashboard(width: 80, height: 24), named: "dashboard-80x24", includeStyles: true)
    }

    @Test func dashboard160x48() {
        assertSnapshot(SampleScreens.dashboard(width: 160, height: 48), named: "dashboard-160x48")
    }

    @Test func asciiDashboardWithHelp80x24() {
        assertSnapshot(SampleScreens.dashboard(width: 80, height: 24, glyphs: .ascii, showsHelp: true), named: "dashboard-ascii-help-80x24")
    }

    @Test func tooSmall() {
        var buffer = Buffer(width: 40, height: 10)
        TooSmallPanel(required: (80, 24), actual: (40, 10)).render(into: &buffer, area: buffer.area)
        assertSnapshot(buffer, named: "too-small-40x10", includeStyles: true)
    }
}
