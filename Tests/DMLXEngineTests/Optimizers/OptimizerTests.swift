import Testing
import DMLXCore
import DMLXEngine

@Suite struct OptimizerTests {
    func parameter(_ values: [Float], gradient: [Float], group: Parameter.Group = .model) -> Parameter {
        let p = Parameter(name: "p\(group)", group: group, value: Matrix(rows: 1, cols: values.count, storage: values))
        p.gradient = Matrix(rows: 1, cols: gradient.count, storage: gradient)
        return p
    }

    @Test func adamMatchesPyTorchsFirstTwoSteps() {
        // Step 1: m = 0.1g, v = 0.001g², m̂ = g, v̂ = g²: w −= lr·g/(|g| + ε).
        let p = parameter([1, -1], gradient: [0.5, -2])
        let adam = Optimizer(OptimizerConfiguration(kind: .adam, learningRate: 0.1))
        adam.step([p])
        #expect(abs(p.value.storage[0] - 0.9) < 1e-6)
        #expect(abs(p.value.storage[1] - -0.9) < 1e-6)
        // Step 2 with gradient 1 for the first weight:
        // m = 0.9·0.05 + 0.1·1 = 0.145, v = 0.999·0.00025 + 0.001 = 0.00124975,
        // m̂ = 0.145/0.19, v̂ = 0.00124975/0.001999: w = 0.9 − 0.1·m̂/(√v̂ + 1e-8).
        p.gradient = Matrix(rows: 1, cols: 2, storage: [1, -2])
        adam.step([p])
        let expected = 0.9 - 0.1 * (0.145 / 0.19) / ((0.00124975 / 0.001999).squareRoot() + 1e-8)
        #expect(abs(Double(p.value.storage[0]) - expected) < 1e-6)
    }

    @Test func sgdWithMomentumMatchesPyTorch() {
        // v₁ = g₁ = 1, w = 1 − 0.1 = 0.9; v₂ = 0.9·1 + 2 = 2.9, w = 0.9 − 0.29 = 0.61.
        let p = parameter([1], gradient: [1])
        let sgd = Optimizer(OptimizerConfiguration(kind: .sgd, learningRate: 0.1, momentum: 0.9))
        sgd.step([p])
        #expect(abs(p.value.storage[0] - 0.9) < 1e-6)
        p.gradient = Matrix(rows: 1, cols: 1, storage: [2])
        sgd.step([p])
        #expect(abs(p.value.storage[0] - 0.61) < 1e-6)
    }

    @Test func proxiesUseTheirOwnRateAndNoWeightDecay() {
        let model = parameter([1], gradient: [1])
        let proxy = parameter([1], gradient: [1], group: .proxies)
        let sgd = Optimizer(OptimizerConfiguration(kind: .sgd, learningRate: 0.1, proxyLearningRate: 0.5,
                                                   weightDecay: 0.5, momentum: 0))
        sgd.step([model, proxy])
        // model: g = 1 + 0.5·1 = 1.5, w = 1 − 0.15; proxy: w = 1 − 0.5·1.
        #expect(abs(model.value.storage[0] - 0.85) < 1e-6)
        #expect(abs(proxy.value.storage[0] - 0.5) < 1e-6)
    }

    @Test func restoredStateContinuesIdentically() {
        let a = parameter([1, 2], gradient: [0.3, -0.1])
        let b = parameter([1, 2], gradient: [0.3, -0.1])
        let first = Optimizer(OptimizerConfiguration())
        first.step([a])
        let second = Optimizer(OptimizerConfiguration())
        second.restore(first.state)
        b.value = a.value
        first.step([a])
        second.step([b])
        #expect(a.value == b.value)
    }
}
