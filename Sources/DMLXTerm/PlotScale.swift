/// Maps data values on one axis to dot positions 0 ..< dots of a braille canvas.
struct PlotScale {
    var lower: Double
    var upper: Double
    var dots: Int
    /// Screen rows grow downwards, so the y axis is flipped: `upper` maps to dot 0.
    var flipped: Bool

    /// The dot of `value`; values far outside the range are clamped to within one range
    /// length of it, so lines towards them stay short and the conversion cannot trap.
    func dot(_ value: Double) -> Int {
        let span = upper - lower
        var position = span > 0 && span.isFinite ? (value - lower) / span : 0.5
        if flipped { position = 1 - position }
        if !position.isFinite { position = 0.5 }
        position = min(2, max(-1, position))
        return Int((position * Double(max(0, dots - 1))).rounded())
    }

    /// The smallest and largest finite values, nil when there are none.
    static func finiteRange<S: Sequence>(_ values: S) -> (lower: Double, upper: Double)? where S.Element == Double {
        var range: (lower: Double, upper: Double)?
        for value in values where value.isFinite {
            range = (min(range?.lower ?? value, value), max(range?.upper ?? value, value))
        }
        return range
    }
}
