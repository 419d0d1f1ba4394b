/// How many colours the terminal can show.
public enum ColorCapability: Sendable, Equatable, Hashable {
    /// Monochrome: roles degrade to attributes (bold, dim, reverse).
    case none
    /// The 8 ANSI colours.
    case eight
    /// The xterm 256-colour palette.
    case extended256

    /// The capability of a terminal reporting `colorCount` colours (curses' `COLORS`).
    public init(colorCount: Int) {
        switch colorCount {
        case 256...: self = .extended256
        case 8...: self = .eight
        default: self = .none
        }
    }
}
