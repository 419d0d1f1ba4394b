import DMLXCore

/// Central-difference gradient checking in Double.
public enum GradientCheck {
    /// The numerical gradient of `f` at `x`: (f(x + h·e_i) − f(x − h·e_i)) / 2h per entry,
    /// in Double whatever the scalar type of `x` (Float layers are probed with larger steps).
    public static func numerical<Scalar>(
        at x: Matrix<Scalar>, step h: Scalar = 1e-6, _ f: (Matrix<Scalar>) -> Double
    ) -> Matrix<Double> {
        var gradient = Matrix<Double>(rows: x.rows, cols: x.cols)
        var probe = x
        for i in x.storage.indices {
            let original = probe.storage[i]
            probe.storage[i] = original + h
            let plus = f(probe)
            probe.storage[i] = original - h
            let minus = f(probe)
            probe.storage[i] = original
            gradient.storage[i] = (plus - minus) / (2 * Double(h))
        }
        return gradient
    }

    /// max |a − b| / max(1e-8, max|a|, max|b|): the error relative to the gradient's scale.
    public static func relativeError(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double {
        precondition(a.rows == b.rows && a.cols == b.cols, "shapes differ")
        let difference = zip(a.storage, b.storage).map { abs($0 - $1) }.max() ?? 0
        let scale = max(1e-8, a.storage.map(abs).max() ?? 0, b.storage.map(abs).max() ?? 0)
        return difference / scale
    }
}
