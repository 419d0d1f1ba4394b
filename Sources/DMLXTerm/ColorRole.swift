/// Colours are named by what they mean, not by their value; a `Palette` picks the value for
/// the terminal's `ColorCapability`.
public enum ColorRole: Sendable, Equatable, Hashable {
    /// The terminal's default foreground.
    case text
    /// The terminal's default background.
    case background
    /// Secondary text: hints, units, axis labels.
    case dim
    /// Something to look at first: the focused panel, the current value.
    case accent
    case border
    case title
    case good
    case bad
    case warning
    /// The background of a selected row or item.
    case selection
    /// The i-th training run or curve (cycles through the palette's series colours).
    case series(Int)
    /// The i-th class of a data set (cycles through the palette's class colours, 20 in 256 colours).
    case classColor(Int)
    /// A grey level 0 (black) ... 23 (white): the 256-colour ramp 232...255.
    case gray(Int)
    /// A signed intensity −5 ... 5 of a diverging scale (heat maps): blue below zero, red
    /// above, a dark neutral at zero.
    case diverging(Int)
}
