/// The ranges a run's numbers must lie in, checked before anything is allocated, whether
/// the configuration comes from the command line or from a checkpoint (which a hostile or
/// damaged file may fill with 2⁶², −1 or NaN). Errors name the command-line option, as a
/// user would fix it.
extension TrainingConfiguration {
    /// Upper bounds generous for metric learning on one machine (Fashion-MNIST has 784
    /// features; pytorch-metric-learning users rarely exceed 1,024 per batch), and small
    /// enough that no size product overflows and no buffer outgrows memory.
    public enum Limits {
        /// `--dim` and each `--hidden` width.
        public static let width = 1...16_384
        /// How many `--hidden` layers.
        public static let hiddenLayers = 1...64
        /// `--batch-size`: the batch's distance matrix has batchSize² entries (8,192: 512 MB in Double).
        public static let batchSize = 2...8_192
        public static let mPerClass = 0...8_192
        public static let epochs = 0...1_000_000
        public static let patience = 1...1_000_000
        public static let threads = 1...256
        public static let miningRefresh = 1...1_000_000
        public static let bins = 1...100_000
        /// The counts of the classic methods: constraints, neighbours, iterations, kernel components.
        public static let classicCount = 1...10_000_000
        /// Weights, biases and proxies together: 2²⁷ floats are 512 MB, and Adam keeps two
        /// more of each.
        public static let parameters = 1 << 27
        /// Margins, scales, rates and the losses' other real parameters, in absolute value.
        public static let magnitude = 1e6
    }

    /// Throws `TrainingError.invalidConfiguration` naming the first option outside its range.
    public func validate() throws {
        try RangeCheck.require("--epochs", epochs, in: Limits.epochs)
        try RangeCheck.require("--batch-size", batchSize, in: Limits.batchSize)
        try RangeCheck.require("--m-per-class", mPerClass, in: Limits.mPerClass)
        try RangeCheck.require("--threads", threads, in: Limits.threads)
        try RangeCheck.require("--mining-refresh", miningRefresh, in: Limits.miningRefresh)
        if let validation, !(validation > 0 && validation < 1) {
            throw TrainingError.invalidConfiguration("--validation must be a fraction between 0 and 1, exclusive, e.g. 0.2 (got \(validation))")
        }
        try RangeCheck.require("--patience", patience, in: Limits.patience)
        if patience != nil && validation == nil {
            throw TrainingError.invalidConfiguration("--patience needs --validation: early stopping watches the validation MAP@R, never the test split's")
        }
        try RangeCheck.require("--dim", model.dimension, in: Limits.width)
        try RangeCheck.require("the number of --hidden widths", model.hidden.count, in: Limits.hiddenLayers)
        for width in model.hidden { try RangeCheck.require("--hidden", width, in: Limits.width) }
        try loss.validate()
        try optimizer.validate()
        try method?.validate()
    }

    /// Also checks that the model and proxies for `inputDimension` features and `classes`
    /// classes stay within `Limits.parameters`: the product is what gets allocated.
    public func validate(inputDimension: Int, classes: Int) throws {
        try validate()
        let widths = [inputDimension] + (model.kind == .mlp ? model.hidden : []) + [model.dimension]
        let proxies = classes * Int((loss.proxiesPerClass ?? 1).rounded(.up)) * model.dimension
        let layers = zip(widths, widths.dropFirst()).map { inputs, outputs in
            inputs.multipliedReportingOverflow(by: outputs + 1)
        }
        let total = layers.reduce(proxies) { sum, layer in
            layer.overflow || layer.partialValue > Limits.parameters || sum > Limits.parameters ? Int.max : sum + layer.partialValue
        }
        guard total <= Limits.parameters else {
            throw TrainingError.invalidConfiguration(
                "a \(widths.map(String.init).joined(separator: "→")) model with its proxies needs more than \(Limits.parameters) parameters; lower --dim or --hidden")
        }
    }
}
