/// A mouse action at a cell (column x, row y, from the top left).
public struct MouseEvent: Sendable, Equatable, Hashable {
    public enum Kind: Sendable, Equatable, Hashable {
        case click
        case scrollUp
        case scrollDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind = .click, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
