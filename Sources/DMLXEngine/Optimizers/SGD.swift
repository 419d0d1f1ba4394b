/// Stochastic gradient descent with momentum, as PyTorch's `torch.optim.SGD`
/// (dampening 0, no Nesterov): `v = μv + g` (`v = g` on the first step), `w −= lr·v`.
public struct SGD: UpdateRule {
    public let momentum: Float

    public var slotCount: Int { momentum > 0 ? 1 : 0 }

    public func apply(values: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
                      slots: inout [[Float]], learningRate: Float, step: Int) {
        guard momentum > 0 else {
            for i in 0..<values.count { values[i] -= learningRate * gradient[i] }
            return
        }
        let mu = momentum
        slots[0].withUnsafeMutableBufferPointer { velocity in
            for i in 0..<values.count {
                velocity[i] = step == 1 ? gradient[i] : mu * velocity[i] + gradient[i]
                values[i] -= learningRate * velocity[i]
            }
        }
    }
}
