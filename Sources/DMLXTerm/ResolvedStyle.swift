/// A style in terms a backend can apply: colour indices (nil = the terminal's default) and
/// attributes.
public struct ResolvedStyle: Sendable, Equatable, Hashable {
    public var foreground: Int?
    public var background: Int?
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(foreground: Int? = nil, background: Int? = nil, bold: Bool = false, reverse: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
    }
}
