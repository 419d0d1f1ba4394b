import DMLXCore
import DMLXEngine

extension AppState {
    public enum Direction: Sendable {
        case left, right, up, down
    }

    /// Moves the selection to the nearest point in `direction` on the scatter plot: among
    /// points inside the 90° cone around that direction the closest; failing that, the
    /// closest point on that side at all; failing that, it stays.
    mutating func moveSelection(_ direction: Direction) {
        guard let points = scatterCoordinates?.points, points.rows > 1 else { return }
        let origin = (x: points[selection, 0], y: points[selection, 1])
        var bestInCone: (index: Int, distance: Float)?
        var bestOnSide: (index: Int, distance: Float)?
        for index in 0..<points.rows where index != selection {
            let dx = points[index, 0] - origin.x
            let dy = points[index, 1] - origin.y
            let (along, across): (Float, Float)
            switch direction {
            case .right: (along, across) = (dx, dy)
            case .left: (along, across) = (-dx, dy)
            case .up: (along, across) = (dy, dx)
            case .down: (along, across) = (-dy, dx)
            }
            guard along > 0 else { continue }
            let distance = dx * dx + dy * dy
            if abs(across) <= along, distance < bestInCone?.distance ?? .infinity { bestInCone = (index, distance) }
            if distance < bestOnSide?.distance ?? .infinity { bestOnSide = (index, distance) }
        }
        if let target = bestInCone ?? bestOnSide { selection = target.index }
    }

    /// Applies the `/` prompt: a number selects that test point; "c3", "class 3" or a class
    /// name selects the next point of that class after the current selection.
    mutating func jump(to query: String) {
        let text = query.trimmingCharacters(in: .whitespaces)
        if let index = Int(text) {
            guard data.testLabels.indices.contains(index) else {
                notice = "no point #\(index): the test split has points 0…\(data.pointCount - 1)"
                return
            }
            selection = index
            return
        }
        guard let label = classLabel(named: text) else {
            notice = "\"\(text)\" is neither a point index nor a class (try c0, class 3 or a class name)"
            return
        }
        let (count, start, labels) = (data.pointCount, selection, data.testLabels)
        if let next = (1...count).lazy.map({ (start + $0) % count }).first(where: { labels[$0] == label }) {
            selection = next
        } else {
            notice = "class \(data.labelText(label)) has no test points"
        }
    }

    private func classLabel(named text: String) -> Int? {
        let lowered = text.lowercased()
        for prefix in ["class ", "class", "c"] where lowered.hasPrefix(prefix) {
            if let label = Int(lowered.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)),
               data.classes.contains(label) { return label }
        }
        return data.classes.first { data.labelText($0).lowercased() == lowered }
    }
}
