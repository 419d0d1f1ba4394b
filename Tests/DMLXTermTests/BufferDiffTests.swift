import Testing
import DMLXTerm

@Suite struct BufferDiffTests {
    /// A small deterministic generator so the random edits are the same on every run.
    struct LinearCongruential {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static func randomEdits(of buffer: Buffer, count: Int, generator: inout LinearCongruential) -> Buffer {
        let texts = ["a", "bc", "日本", "⣿", "é", " ", "xyz語"]
        let styles = [Style(), Style(bold: true), Style.foreground(.classColor(3)), Style(reverse: true)]
        var result = buffer
        for _ in 0..<count {
            result.set(
                x: generator.next(buffer.width + 2) - 1, y: generator.next(buffer.height),
                string: texts[generator.next(texts.count)], style: styles[generator.next(styles.count)])
        }
        return result
    }

    @Test func applyingTheDiffToTheOldBufferGivesTheNewOne() {
        var generator = LinearCongruential(state: 42)
        for _ in 0..<200 {
            let old = Self.randomEdits(of: Buffer(width: 13, height: 5), count: 30, generator: &generator)
            let new = Self.randomEdits(of: old, count: generator.next(8), generator: &generator)
            let diff = BufferDiff(from: old, to: new)
            var applied = old
            diff.apply(to: &applied)
            #expect(applied == new)
            #expect(diff.isEmpty == (old == new))
            for run in diff.runs {
                #expect(!run.cells[0].isContinuation)
                #expect(run.cells.last.map { TextWidth.of($0.symbol) < 2 || $0.isContinuation } ?? false)
            }
        }
    }

    @Test func onlyChangedCellsAreWritten() {
        let old = Buffer(width: 10, height: 3)
        var new = old
        new.set(x: 2, y: 1, string: "ab")
        new.set(x: 7, y: 1, string: "c")
        new.set(x: 0, y: 2, string: "日")
        let diff = BufferDiff(from: old, to: new)
        #expect(diff.runs.map { "\($0.x),\($0.y):\(String($0.cells.map(\.symbol)))" } == ["2,1:ab", "7,1:c", "0,2:日\u{0}"])
        #expect(diff.cellCount == 5)
        #expect(BufferDiff(from: new, to: new).isEmpty)
    }

    @Test func aChangedTrailingHalfStartsTheRunAtItsLeadingHalf() {
        var old = Buffer(width: 4, height: 1)
        old.set(x: 0, y: 0, string: "日")
        var new = old
        new.setStyle(Style(bold: true), in: Rect(x: 1, y: 0, width: 1, height: 1))
        let diff = BufferDiff(from: old, to: new)
        #expect(diff.runs.count == 1 && diff.runs[0].x == 0 && diff.runs[0].cells.count == 2)
    }

    @Test func aNewSizeOrNoOldBufferRepaintsEverything() {
        let new = Buffer(width: 3, height: 2, filling: Cell("x"))
        for old in [nil, Buffer(width: 4, height: 2)] {
            let diff = BufferDiff(from: old, to: new)
            #expect(diff.runs.count == 2 && diff.cellCount == 6)
            var applied = Buffer(width: 3, height: 2)
            diff.apply(to: &applied)
            #expect(applied == new)
        }
    }
}
