import DMLXCore

extension Matrix where Scalar == Float {
    /// Every row minus `offset` (one value per column).
    func subtractingFromRows(_ offset: [Float]) -> Matrix<Float> {
        precondition(offset.count == cols, "offset has \(offset.count) values, rows have \(cols)")
        var result = self
        result.storage.withUnsafeMutableBufferPointer { values in
            for r in 0..<rows {
                for c in 0..<cols { values[r * cols + c] -= offset[c] }
            }
        }
        return result
    }
}
