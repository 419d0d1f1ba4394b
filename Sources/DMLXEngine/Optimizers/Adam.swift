import Foundation

/// Adam (Kingma & Ba 2015), exactly as PyTorch's `torch.optim.Adam`:
/// `m = β₁m + (1−β₁)g`, `v = β₂v + (1−β₂)g²`,
/// `w −= lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)`.
public struct Adam: UpdateRule {
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float

    public var slotCount: Int { 2 }

    public func apply(values: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
                      slots: inout [[Float]], learningRate: Float, step: Int) {
        let correction1 = 1 - Float(pow(Double(beta1), Double(step)))
        let correction2 = 1 - Float(pow(Double(beta2), Double(step)))
        let stepSize = learningRate / correction1
        let rootCorrection2 = correction2.squareRoot()
        let (b1, b2, eps) = (beta1, beta2, epsilon)
        var (first, second) = (slots[0], slots[1])
        slots = []  // leaves the moment vectors uniquely referenced: updated in place
        defer { slots = [first, second] }
        first.withUnsafeMutableBufferPointer { m in
            second.withUnsafeMutableBufferPointer { v in
                for i in 0..<values.count {
                    let g = gradient[i]
                    m[i] = b1 * m[i] + (1 - b1) * g
                    v[i] = b2 * v[i] + (1 - b2) * g * g
                    values[i] -= stepSize * m[i] / (v[i].squareRoot() / rootCorrection2 + eps)
                }
            }
        }
    }
}
