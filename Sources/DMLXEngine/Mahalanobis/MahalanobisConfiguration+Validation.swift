/// The classic method's numbers checked against their ranges (`TrainingConfiguration.validate`).
extension MahalanobisConfiguration {
    func validate() throws {
        for (option, value) in [("--constraints", constraints), ("--neighbors", neighbors),
                                ("--max-iterations", maxIterations), ("--kernel-components", kernelComponents)] {
            try RangeCheck.require(option, value, in: TrainingConfiguration.Limits.classicCount)
        }
        try RangeCheck.requirePositive("--kernel-gamma", kernelGamma)
    }
}
