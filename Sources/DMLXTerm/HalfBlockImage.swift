/// A grey-scale image (values 0 = black ... 1 = white) drawn into cells.
///
/// The image is scaled, keeping its aspect ratio, to the largest size that fits the area,
/// counting a cell as one pixel wide and two pixels tall (the usual 1:2 cell shape, so
/// pixels stay square), by averaging the source pixels each target pixel covers. It is
/// drawn from the area's top left.
///
/// - `.halfBlocks`: each cell is "▀" with the upper pixel as foreground and the lower as
///   background, greys from the 256-colour ramp (`ColorRole.gray`, 232...255).
/// - `.ascii`: each cell shows the mean of its two pixels on the density ramp
///   " .:-=+*#%@" (dark to bright), for terminals without 256 colours or UTF-8.
public struct HalfBlockImage: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        case halfBlocks
        case ascii

        /// Half blocks need both the "▀" glyph and enough greys to be legible.
        public init(glyphs: Glyphs, capability: ColorCapability) {
            self = glyphs == .unicode && capability == .extended256 ? .halfBlocks : .ascii
        }
    }

    public static let densityRamp: [Character] = Array(" .:-=+*#%@")

    public let width: Int
    public let height: Int
    /// Row-major, `height` rows of `width` values.
    public let pixels: [Double]

    public init(width: Int, height: Int, pixels: [Double]) {
        precondition(pixels.count == width * height, "\(pixels.count) pixels for a \(width)×\(height) image")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The size in cells the image takes in `area`: columns, rows.
    public func fittedSize(in area: Rect) -> (columns: Int, rows: Int) {
        let pixels = fittedPixels(in: area)
        return (pixels.width, (pixels.height + 1) / 2)
    }

    public func render(into buffer: inout Buffer, area: Rect, mode: Mode) {
        let target = fittedPixels(in: area)
        guard target.width > 0 && target.height > 0 else { return }
        let scaled = resampled(width: target.width, height: target.height)
        for row in 0..<((target.height + 1) / 2) {
            for column in 0..<target.width {
                let upper = scaled[2 * row * target.width + column]
                let lower = 2 * row + 1 < target.height ? scaled[(2 * row + 1) * target.width + column] : nil
                let (symbol, style) = cell(upper: upper, lower: lower, mode: mode)
                buffer.set(x: area.x + column, y: area.y + row, symbol: symbol, style: style)
            }
        }
    }

    private func cell(upper: Double, lower: Double?, mode: Mode) -> (Character, Style) {
        switch mode {
        case .halfBlocks:
            let background = lower.map { ColorRole.gray(HalfBlockImage.level($0, steps: 24)) } ?? .background
            return ("▀", Style(foreground: .gray(HalfBlockImage.level(upper, steps: 24)), background: background))
        case .ascii:
            let mean = lower.map { (upper + $0) / 2 } ?? upper
            return (HalfBlockImage.densityRamp[HalfBlockImage.level(mean, steps: HalfBlockImage.densityRamp.count)], Style())
        }
    }

    /// `value` clamped to 0...1 (NaN as 0) as one of `steps` levels, rounding to nearest.
    private static func level(_ value: Double, steps: Int) -> Int {
        let clamped = value.isNaN ? 0 : min(1, max(0, value))
        return Int((clamped * Double(steps - 1)).rounded())
    }

    private func fittedPixels(in area: Rect) -> (width: Int, height: Int) {
        guard width > 0 && height > 0 && !area.isEmpty else { return (0, 0) }
        let scale = min(Double(area.width) / Double(width), Double(2 * area.height) / Double(height))
        let fittedWidth = min(area.width, max(1, Int((Double(width) * scale + 1e-9).rounded(.down))))
        let fittedHeight = min(2 * area.height, max(1, Int((Double(height) * scale + 1e-9).rounded(.down))))
        return (fittedWidth, fittedHeight)
    }

    /// Box-filter resampling: each target pixel is the coverage-weighted mean of the source
    /// pixels under it.
    private func resampled(width targetWidth: Int, height targetHeight: Int) -> [Double] {
        if targetWidth == width && targetHeight == height { return pixels }
        let columnWeights = HalfBlockImage.coverage(source: width, target: targetWidth)
        let rowWeights = HalfBlockImage.coverage(source: height, target: targetHeight)
        var result = [Double](repeating: 0, count: targetWidth * targetHeight)
        for (targetRow, rows) in rowWeights.enumerated() {
            for (targetColumn, columns) in columnWeights.enumerated() {
                var sum = 0.0
                var weightSum = 0.0
                for (sourceRow, rowWeight) in rows {
                    for (sourceColumn, columnWeight) in columns {
                        let value = pixels[sourceRow * width + sourceColumn]
                        sum += rowWeight * columnWeight * (value.isFinite ? value : 0)
                        weightSum += rowWeight * columnWeight
                    }
                }
                result[targetRow * targetWidth + targetColumn] = sum / weightSum
            }
        }
        return result
    }

    /// For each target index, the source indices it overlaps and by how much.
    private static func coverage(source: Int, target: Int) -> [[(Int, Double)]] {
        let ratio = Double(source) / Double(target)
        return (0..<target).map { index in
            let start = Double(index) * ratio
            let end = Double(index + 1) * ratio
            let first = Int(start.rounded(.down))
            let last = min(source - 1, Int(end.rounded(.up)) - 1)
            return (first...max(first, last)).map { sourceIndex in
                (sourceIndex, min(end, Double(sourceIndex + 1)) - max(start, Double(sourceIndex)))
            }
        }
    }
}
