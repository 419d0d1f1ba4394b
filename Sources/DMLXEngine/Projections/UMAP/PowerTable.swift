import Foundation

/// `x^b` for one fixed exponent `b` and positive normal `x`, by table: `x = 2^E · M`
/// with `M ∈ [1, 2)`, so `x^b = (2^b)^E · M^b`, the first factor looked up by `E` and
/// the second interpolated linearly between 257 equispaced values of `M` (relative error
/// below 2·10⁻⁶ for the `b` UMAP fits, 0.5 to 1.5). UMAP's epoch loop takes `d^{2b}` for
/// every sample; glibc's `powf` was a third of its time, and this is a few instructions
/// (umap-learn compiles the same loop with numba's `fastmath`).
public struct PowerTable: Sendable {
    public let exponent: Float
    /// `2^(b·E)` for `E = −126…127` at index `E + 126`.
    private let octaves: [Float]
    /// `(1 + j/256)^b` for `j = 0…256`.
    private let mantissas: [Float]

    public init(exponent: Float) {
        self.exponent = exponent
        octaves = (-126...127).map { Float(pow(2.0, Double(exponent) * Double($0))) }
        mantissas = (0...256).map { Float(pow(1 + Double($0) / 256, Double(exponent))) }
    }

    /// Runs `body` with a function that takes `x^b` from raw pointers to the tables.
    public func withPower<Result>(_ body: ((Float) -> Float) -> Result) -> Result {
        octaves.withUnsafeBufferPointer { octaves in
            mantissas.withUnsafeBufferPointer { mantissas in
                let (octave, mantissa) = (octaves.baseAddress!, mantissas.baseAddress!)
                return body { x in
                    let bits = x.bitPattern
                    let step = Int((bits >> 15) & 0xFF)
                    let fraction = Float(bits & 0x7FFF) * (1 / 32768)
                    let low = mantissa[step]
                    return octave[Int((bits >> 23) & 0xFF) - 1] * (low + (mantissa[step + 1] - low) * fraction)
                }
            }
        }
    }
}
