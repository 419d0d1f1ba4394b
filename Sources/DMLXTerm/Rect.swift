/// A rectangle of cells: columns x ..< x + width, rows y ..< y + height.
public struct Rect: Sendable, Equatable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    public func contains(x column: Int, y row: Int) -> Bool {
        column >= x && column < maxX && row >= y && row < maxY
    }

    /// The cells in both rectangles (empty, at this rectangle's origin, when disjoint).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(maxX, other.maxX)
        let bottom = min(maxY, other.maxY)
        guard right > left && bottom > top else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// This rectangle shrunk by `horizontal` columns on the left and right and `vertical`
    /// rows at the top and bottom (never below zero size).
    public func inset(horizontal: Int, vertical: Int) -> Rect {
        let width = max(0, self.width - 2 * horizontal)
        let height = max(0, self.height - 2 * vertical)
        return Rect(x: x + min(horizontal, self.width / 2), y: y + min(vertical, self.height / 2), width: width, height: height)
    }

    /// This rectangle shrunk by `margin` on every side.
    public func inset(by margin: Int) -> Rect { inset(horizontal: margin, vertical: margin) }

    /// A `width` × `height` rectangle centred in this one, clipped to it.
    public func centered(width: Int, height: Int) -> Rect {
        let width = min(max(0, width), self.width)
        let height = min(max(0, height), self.height)
        return Rect(x: x + (self.width - width) / 2, y: y + (self.height - height) / 2, width: width, height: height)
    }

    /// The `index`-th row of this rectangle as a one-row rectangle.
    public func row(_ index: Int) -> Rect { Rect(x: x, y: y + index, width: width, height: 1) }
}
