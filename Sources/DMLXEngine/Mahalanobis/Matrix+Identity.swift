import DMLXCore

extension Matrix {
    /// The `size × size` identity, the starting metric of every learner that follows
    /// metric-learn's defaults.
    static func identity(_ size: Int) -> Matrix {
        var identity = Matrix(rows: size, cols: size)
        for axis in 0..<size { identity[axis, axis] = 1 }
        return identity
    }
}
