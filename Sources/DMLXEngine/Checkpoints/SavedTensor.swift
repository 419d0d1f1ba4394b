import DMLXCore
import Foundation

/// A named float32 matrix in a checkpoint.
public struct SavedTensor: Codable, Sendable, Equatable {
    public var name: String
    public var rows: Int
    public var cols: Int
    /// Base64 of the values as little-endian float32, row-major.
    public var values: String

    public init(name: String, _ matrix: Matrix<Float>) {
        self.name = name
        rows = matrix.rows
        cols = matrix.cols
        values = matrix.storage.withUnsafeBytes { Data($0) }.base64EncodedString()
    }

    /// The matrix, once its shape and encoding check out and every value is finite (NaN
    /// weights would export degenerate embeddings without a word).
    public func matrix(file: String) throws -> Matrix<Float> {
        let count = try checkedCount(file: file)
        guard let data = Data(base64Encoded: values), data.count == count * 4 else {
            throw problem(file, "is not valid base64 of \(rows)×\(cols) float32 values")
        }
        let floats = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        if let bad = floats.firstIndex(where: { !$0.isFinite }) {
            throw problem(file, "holds \(floats[bad]) at element [\(bad / cols), \(bad % cols)]; expected finite weights")
        }
        return Matrix(rows: rows, cols: cols, storage: floats)
    }

    /// rows × cols, once what a damaged or forged file could get wrong is ruled out without
    /// decoding anything: non-negative sizes whose product fits, and a base64 text exactly
    /// as long as that many floats need. Errors name `file` and the tensor.
    func checkedCount(file: String) throws -> Int {
        let (count, overflow) = rows.multipliedReportingOverflow(by: cols)
        guard rows >= 0, cols >= 0, !overflow, count <= Int.max / 8 else {
            throw problem(file, "has the impossible shape \(rows)×\(cols)")
        }
        let characters = (count * 4 + 2) / 3 * 4
        guard values.utf8.count == characters else {
            throw problem(file, "has \(values.utf8.count) characters of base64; \(rows)×\(cols) float32 values take \(characters)")
        }
        return count
    }

    private func problem(_ file: String, _ text: String) -> CheckpointError {
        CheckpointError(file: file, problem: "tensor \"\(name)\" \(text)")
    }
}
