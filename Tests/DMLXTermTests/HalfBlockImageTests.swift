import Testing
import DMLXTerm
import DMLXTestSupport

@Suite struct HalfBlockImageTests {
    let checker = HalfBlockImage(width: 2, height: 2, pixels: [0, 1, 1, 0])

    @Test func halfBlocksCarryTheUpperPixelInFrontAndTheLowerBehind() {
        var buffer = Buffer(width: 3, height: 2)
        checker.render(into: &buffer, area: Rect(x: 1, y: 1, width: 2, height: 1), mode: .halfBlocks)
        #expect(buffer.lines == ["", " ▀▀"])
        #expect(buffer[1, 1].style == Style(foreground: .gray(0), background: .gray(23)))
        #expect(buffer[2, 1].style == Style(foreground: .gray(23), background: .gray(0)))
    }

    @Test func asciiUsesTheDensityRampOnTheMeanOfTwoRows() {
        let image = HalfBlockImage(width: 3, height: 2, pixels: [0, 1, 0.5, 0, 1, 0.3])
        var buffer = Buffer(width: 3, height: 1)
        image.render(into: &buffer, area: buffer.area, mode: .ascii)
        // Means 0, 1 and 0.4 on ten levels: 0, 9 and round(3.6) = 4.
        #expect(buffer.lines == [" @="])
    }

    @Test func imagesAreScaledToFitKeepingTheirShape() {
        // 4 × 4 into 2 columns × 1 row: 2 × 2 pixels, each the mean of a 2 × 2 block.
        let image = HalfBlockImage(width: 4, height: 4, pixels: [
            1, 1, 0, 0,
            1, 1, 0, 0,
            0, 0, 0.5, 0.5,
            0, 0, 0.5, 0.5,
        ])
        var buffer = Buffer(width: 5, height: 3)
        image.render(into: &buffer, area: buffer.area.inset(by: 1), mode: .halfBlocks)
        #expect(image.fittedSize(in: Rect(x: 0, y: 0, width: 2, height: 1)) == (2, 1))
        #expect(buffer[1, 1].style == Style(foreground: .gray(23), background: .gray(0)))
        #expect(buffer[2, 1].style == Style(foreground: .gray(0), background: .gray(12)))
        #expect(buffer.lines == ["", " ▀▀", ""])
        let big = HalfBlockImage(width: 2, height: 2, pixels: [0, 1, 1, 0])
        #expect(big.fittedSize(in: Rect(x: 0, y: 0, width: 10, height: 2)) == (4, 2))
    }

    @Test func oddPixelRowsAndBadValues() {
        let image = HalfBlockImage(width: 1, height: 1, pixels: [.nan])
        var buffer = Buffer(width: 1, height: 1)
        image.render(into: &buffer, area: buffer.area, mode: .halfBlocks)
        #expect(buffer[0, 0].style == Style(foreground: .gray(0), background: .background))
        image.render(into: &buffer, area: .zero, mode: .ascii)
        #expect(HalfBlockImage.Mode(glyphs: .unicode, capability: .eight) == .ascii)
        #expect(HalfBlockImage.Mode(glyphs: .unicode, capability: .extended256) == .halfBlocks)
    }
}
