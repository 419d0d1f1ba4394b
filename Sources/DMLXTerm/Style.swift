/// How a cell is drawn: colours by role (resolved by a `Palette` to 256, 8 or no colours)
/// and attributes.
public struct Style: Sendable, Equatable, Hashable {
    public var foreground: ColorRole
    public var background: ColorRole
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(
        foreground: ColorRole = .text, background: ColorRole = .background,
        bold: Bool = false, reverse: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
    }

    /// The default style with another foreground role.
    public static func foreground(_ role: ColorRole, bold: Bool = false) -> Style {
        Style(foreground: role, bold: bold)
    }
}
