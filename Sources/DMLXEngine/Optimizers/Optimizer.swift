import DMLXCore

/// The update rule of one optimizer, applied to one parameter's values in place.
///
/// This is the small template every optimizer fills in (as in mlx-swift): `Optimizer`
/// does the bookkeeping — learning rate per parameter group, weight decay, per-parameter
/// state slots, the step count — and calls `apply` with flat buffers.
public protocol UpdateRule: Sendable {
    /// How many state vectors (each the size of the parameter) the rule keeps.
    var slotCount: Int { get }
    /// Updates `values` given `gradient`, its state `slots` and the 1-based `step`.
    func apply(values: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
               slots: inout [[Float]], learningRate: Float, step: Int)
}

/// A first-order optimizer over `Parameter`s. Confined to its run's queue.
public final class Optimizer {
    /// What a checkpoint stores to continue exactly.
    public struct State: Codable, Sendable, Equatable {
        public var step: Int
        public var slots: [String: [[Float]]]
    }

    public private(set) var configuration: OptimizerConfiguration
    public private(set) var state = State(step: 0, slots: [:])
    private let rule: any UpdateRule

    public init(_ configuration: OptimizerConfiguration) {
        self.configuration = configuration
        switch configuration.kind {
        case .adam:
            rule = Adam(beta1: Float(configuration.beta1), beta2: Float(configuration.beta2),
                        epsilon: Float(configuration.epsilon))
        case .sgd:
            rule = SGD(momentum: Float(configuration.momentum))
        }
    }

    /// Changes learning rates between steps (the UI's and session's "change learning rate").
    public func setLearningRates(model: Double, proxies: Double) {
        configuration.learningRate = model
        configuration.proxyLearningRate = proxies
    }

    /// How many state vectors the rule keeps per parameter (what a checkpoint must restore).
    public var slotCount: Int { rule.slotCount }

    /// Restores state saved by a checkpoint.
    public func restore(_ saved: State) { state = saved }

    /// One update of every parameter from its accumulated gradient.
    public func step(_ parameters: [Parameter]) {
        state.step += 1
        for parameter in parameters {
            let isModel = parameter.group == .model
            let learningRate = Float(isModel ? configuration.learningRate : configuration.proxyLearningRate)
            if isModel && configuration.weightDecay > 0 {
                let decay = Float(configuration.weightDecay)
                for i in parameter.gradient.storage.indices {
                    parameter.gradient.storage[i] += decay * parameter.value.storage[i]
                }
            }
            let count = parameter.value.storage.count
            var slots = state.slots[parameter.name]
                ?? Array(repeating: Array(repeating: 0, count: count), count: rule.slotCount)
            state.slots[parameter.name] = nil  // keeps the slots uniquely referenced while updated
            parameter.gradient.storage.withUnsafeBufferPointer { gradient in
                parameter.value.storage.withUnsafeMutableBufferPointer { values in
                    rule.apply(values: values, gradient: gradient, slots: &slots,
                               learningRate: learningRate, step: state.step)
                }
            }
            state.slots[parameter.name] = slots
        }
    }
}
