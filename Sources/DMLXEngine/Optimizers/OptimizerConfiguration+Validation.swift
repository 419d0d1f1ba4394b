/// The optimizer's numbers checked against their ranges (`TrainingConfiguration.validate`).
extension OptimizerConfiguration {
    func validate() throws {
        try RangeCheck.requirePositive("--lr", learningRate)
        try RangeCheck.requireNumber("--proxy-lr", proxyLearningRate, in: 0...TrainingConfiguration.Limits.magnitude)
        try RangeCheck.requireNumber("--weight-decay", weightDecay, in: 0...TrainingConfiguration.Limits.magnitude)
        // Below 1: Adam's bias correction divides by 1 − βᵗ.
        for (option, value) in [("--momentum", momentum), ("Adam's beta1", beta1), ("Adam's beta2", beta2)] {
            try RangeCheck.requireNumber(option, value, in: 0...0.999_999)
        }
        try RangeCheck.requirePositive("Adam's epsilon", epsilon, upTo: 1)
    }
}
