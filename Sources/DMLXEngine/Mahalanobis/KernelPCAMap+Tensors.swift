import DMLXCore

extension KernelPCAMap {
    /// The map as named tensors, for a checkpoint: `anchors` (`n × d`), `coefficients`
    /// (`n × m`), `columnMeans` (`1 × n`), `grandMean` and `gamma` (`1 × 1` each).
    public var tensors: [(name: String, value: Matrix<Float>)] {
        [("anchors", anchors), ("coefficients", coefficients),
         ("columnMeans", Matrix(rows: 1, cols: columnMeans.count, storage: columnMeans)),
         ("grandMean", Matrix(rows: 1, cols: 1, storage: [grandMean])), ("gamma", Matrix(rows: 1, cols: 1, storage: [gamma]))]
    }

    /// The map from `tensors` (as written by `tensors`; order does not matter). Throws
    /// `MahalanobisError.kernelTensors` naming a missing tensor or a shape that does not fit.
    public init(tensors: [(name: String, value: Matrix<Float>)]) throws {
        func tensor(_ name: String) throws(MahalanobisError) -> Matrix<Float> {
            guard let found = tensors.first(where: { $0.name == name }) else { throw .kernelTensors("no tensor \"\(name)\"") }
            return found.value
        }
        func scalar(_ name: String) throws(MahalanobisError) -> Float {
            let value = try tensor(name)
            guard value.storage.count == 1 else { throw .kernelTensors("\"\(name)\" is \(value.rows)×\(value.cols), not 1×1") }
            return value.storage[0]
        }
        let anchors = try tensor("anchors"), coefficients = try tensor("coefficients"), means = try tensor("columnMeans")
        guard coefficients.rows == anchors.rows, means.rows == 1, means.cols == anchors.rows else {
            throw MahalanobisError.kernelTensors("\(anchors.rows) anchors but coefficients \(coefficients.rows)×\(coefficients.cols) "
                                                 + "and column means \(means.rows)×\(means.cols)")
        }
        self.init(anchors: anchors, coefficients: coefficients, columnMeans: means.storage,
                  grandMean: try scalar("grandMean"), gamma: try scalar("gamma"))
    }
}
