import Testing
import DMLXTerm

@Suite struct LayoutTests {
    let area = Rect(x: 2, y: 1, width: 20, height: 10)

    @Test func fixedPercentageAndFill() {
        let parts = Layout.horizontal([.fixed(3), .percentage(50), .fill(1), .fill(2)]).split(area)
        #expect(parts.map(\.width) == [3, 10, 3, 4])
        #expect(parts.map(\.x) == [2, 5, 15, 18])
        #expect(parts.allSatisfy { $0.y == 1 && $0.height == 10 })
    }

    @Test func spacingAndVerticalSplit() {
        let parts = Layout.vertical([.fixed(1), .fill, .fixed(1)], spacing: 1).split(area)
        #expect(parts == [
            Rect(x: 2, y: 1, width: 20, height: 1),
            Rect(x: 2, y: 3, width: 20, height: 6),
            Rect(x: 2, y: 10, width: 20, height: 1),
        ])
    }

    @Test func tooLittleRoomShrinksLaterParts() {
        let parts = Layout.horizontal([.fixed(15), .fixed(10), .fill]).split(area)
        #expect(parts.map(\.width) == [15, 5, 0])
        #expect(parts.allSatisfy { area.intersection($0) == $0 || $0.isEmpty })
        #expect(Layout.horizontal([.fill, .fill]).split(.zero).map(\.width) == [0, 0])
    }

    @Test func rectHelpers() {
        #expect(area.inset(by: 1) == Rect(x: 3, y: 2, width: 18, height: 8))
        #expect(area.inset(by: 6).height == 0)
        #expect(area.centered(width: 10, height: 4) == Rect(x: 7, y: 4, width: 10, height: 4))
        #expect(area.centered(width: 30, height: 4) == Rect(x: 2, y: 4, width: 20, height: 4))
        #expect(area.intersection(Rect(x: 20, y: 0, width: 5, height: 5)) == Rect(x: 20, y: 1, width: 2, height: 4))
        #expect(area.intersection(Rect(x: 30, y: 0, width: 5, height: 5)).isEmpty)
        #expect(area.contains(x: 21, y: 10) && !area.contains(x: 22, y: 10))
    }
}
