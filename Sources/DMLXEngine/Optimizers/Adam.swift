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
        var (first, second) = (slots[0], slots[1])
        slots = []  // leaves the moment vectors uniquely referenced: updated in place
        defer { slots = [first, second] }
        first.withUnsafeMutableBufferPointer { m in
            second.withUnsafeMutableBufferPointer { v in
                Self.update(values: values.baseAddress!, gradient: gradient.baseAddress!,
                            m: m.baseAddress!, v: v.baseAddress!, count: values.count,
                            b1: beta1, b2: beta2, stepSize: stepSize,
                            inverseRootCorrection2: 1 / rootCorrection2, epsilon: epsilon)
            }
        }
    }

    /// The element-wise update in 8-lane SIMD (the scalar loop does not vectorise: the
    /// compiler cannot rule out aliasing among the four buffers), then a scalar tail.
    private static func update(values: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
                               m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>, count: Int,
                               b1: Float, b2: Float, stepSize: Float, inverseRootCorrection2: Float, epsilon: Float) {
        typealias Lanes = SIMD8<Float>
        let vectorCount = count / Lanes.scalarCount * Lanes.scalarCount
        func load(_ pointer: UnsafePointer<Float>, _ i: Int) -> Lanes {
            UnsafeRawPointer(pointer + i).loadUnaligned(as: Lanes.self)
        }
        func store(_ lanes: Lanes, _ pointer: UnsafeMutablePointer<Float>, _ i: Int) {
            UnsafeMutableRawPointer(pointer + i).storeBytes(of: lanes, as: Lanes.self)
        }
        for i in stride(from: 0, to: vectorCount, by: Lanes.scalarCount) {
            let g = load(gradient, i)
            let newM = b1 * load(m, i) + (1 - b1) * g
            let newV = b2 * load(v, i) + (1 - b2) * g * g
            store(newM, m, i)
            store(newV, v, i)
            store(load(values, i) - stepSize * newM / (newV.squareRoot() * inverseRootCorrection2 + epsilon), values, i)
        }
        for i in vectorCount..<count {
            let g = gradient[i]
            m[i] = b1 * m[i] + (1 - b1) * g
            v[i] = b2 * v[i] + (1 - b2) * g * g
            values[i] -= stepSize * m[i] / (v[i].squareRoot() * inverseRootCorrection2 + epsilon)
        }
    }
}
