/// The loss's numbers checked against their ranges (`TrainingConfiguration.validate`).
extension LossConfiguration {
    func validate() throws {
        for (option, value) in [("--margin", margin), ("--pos-margin", positiveMargin), ("--neg-margin", negativeMargin),
                                ("the loss's alpha", alpha), ("the loss's beta", beta), ("the loss's base", base)] {
            try RangeCheck.requireNumber(option, value, in: -TrainingConfiguration.Limits.magnitude...TrainingConfiguration.Limits.magnitude)
        }
        try RangeCheck.requirePositive("--softmax-scale", softmaxScale)
        try RangeCheck.requirePositive("--proxies-per-class", proxiesPerClass, upTo: 1_000)
        try RangeCheck.require("--bins", bins, in: TrainingConfiguration.Limits.bins)
    }
}
