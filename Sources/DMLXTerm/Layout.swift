/// Splits a rectangle into consecutive parts along one direction.
///
/// Sizes are resolved in order of precedence: `.fixed` and `.percentage` parts take their
/// size first (in the order given, each clipped to what is left), then `.fill` parts share
/// what remains in proportion to their weights (the rounding remainder goes to the first
/// fill parts). `spacing` columns or rows separate neighbouring parts. The parts always
/// number as many as the constraints, some possibly empty.
public struct Layout: Sendable, Equatable {
    public enum Direction: Sendable, Equatable {
        /// Parts side by side, left to right.
        case horizontal
        /// Parts stacked, top to bottom.
        case vertical
    }

    public enum Constraint: Sendable, Equatable {
        case fixed(Int)
        /// A percentage of the length left after spacing.
        case percentage(Int)
        /// A share of what the other parts leave, in proportion to the weight.
        case fill(Int)

        public static let fill = Constraint.fill(1)
    }

    public var direction: Direction
    public var constraints: [Constraint]
    public var spacing: Int

    public init(_ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) {
        self.direction = direction
        self.constraints = constraints
        self.spacing = spacing
    }

    public static func horizontal(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(.horizontal, constraints, spacing: spacing)
    }

    public static func vertical(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(.vertical, constraints, spacing: spacing)
    }

    public func split(_ rect: Rect) -> [Rect] {
        let length = direction == .horizontal ? rect.width : rect.height
        let sizes = resolve(length: length)
        var offset = 0
        return sizes.map { size in
            let start = min(offset, length)
            offset = start + size + spacing
            return direction == .horizontal
                ? Rect(x: rect.x + start, y: rect.y, width: size, height: rect.height)
                : Rect(x: rect.x, y: rect.y + start, width: rect.width, height: size)
        }
    }

    private func resolve(length: Int) -> [Int] {
        let total = max(0, length - spacing * max(0, constraints.count - 1))
        var remaining = total
        var sizes = constraints.map { constraint -> Int in
            let wanted = switch constraint {
            case .fixed(let size): size
            case .percentage(let percent): total * percent / 100
            case .fill: 0
            }
            let size = min(max(0, wanted), remaining)
            remaining -= size
            return size
        }
        let weights = constraints.map { if case .fill(let weight) = $0 { max(0, weight) } else { 0 } }
        let weightSum = weights.reduce(0, +)
        guard weightSum > 0 else { return sizes }
        var leftover = remaining
        for index in sizes.indices where weights[index] > 0 {
            sizes[index] = remaining * weights[index] / weightSum
            leftover -= sizes[index]
        }
        for index in sizes.indices where weights[index] > 0 && leftover > 0 {
            sizes[index] += 1
            leftover -= 1
        }
        return sizes
    }
}
