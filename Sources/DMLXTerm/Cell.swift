/// One character cell of the screen: what it shows and in which style.
public struct Cell: Sendable, Equatable {
    /// The grapheme shown; "" marks the trailing half of a double-width character.
    public var symbol: String
    public var style: Style

    public init(_ symbol: String = " ", style: Style = Style()) {
        self.symbol = symbol
        self.style = style
    }

    public static let blank = Cell()
}

/// How a cell is drawn: colours by role (resolved by the backend to 256, 8 or no colours)
/// and attributes.
public struct Style: Sendable, Equatable, Hashable {
    public var foreground: ColorRole
    public var background: ColorRole
    public var bold: Bool
    public var reverse: Bool

    public init(foreground: ColorRole = .text, background: ColorRole = .background, bold: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
    }
}

/// Colours are named by what they mean, not by their value.
public enum ColorRole: Sendable, Equatable, Hashable {
    case text
    case background
}
