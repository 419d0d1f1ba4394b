/// One character cell of the screen: what it shows and in which style.
///
/// The symbol is a `Character` (a grapheme cluster, stored inline for the short clusters a
/// terminal shows) so that filling a frame allocates nothing per cell. A double-width
/// character occupies its cell and the next one; the next one holds
/// `Cell.continuationSymbol` and is skipped when the buffer is written out.
public struct Cell: Sendable, Equatable {
    public var symbol: Character
    public var style: Style

    public init(_ symbol: Character = " ", style: Style = Style()) {
        self.symbol = symbol
        self.style = style
    }

    public static let blank = Cell()

    /// Marks the trailing half of a double-width character (a NUL never reaches the screen).
    public static let continuationSymbol: Character = "\u{0}"

    public var isContinuation: Bool { symbol == Cell.continuationSymbol }
}
