/// What the registry tells a user about a loss or miner.
public struct LossDescriptor: Sendable, Equatable {
    /// The name used on the command line, e.g. "proxy-nca".
    public var name: String
    /// The formula in one line.
    public var formula: String
    /// The default options, as a user would type them.
    public var defaults: String
    /// Where it comes from.
    public var paper: String
    /// What a loss learns from (nil for miners).
    public var family: LossFamily?

    public init(name: String, formula: String, defaults: String, paper: String, family: LossFamily? = nil) {
        self.name = name
        self.formula = formula
        self.defaults = defaults
        self.paper = paper
        self.family = family
    }
}

/// What a learner learns from. Deep losses compare pairs or triplets of batch samples
/// (which miners select), or samples against learned proxies (which need no miner);
/// classic learners fit a Mahalanobis matrix to the whole training split; baselines learn
/// no metric, or one without a metric-learning objective.
public enum LossFamily: String, Sendable, Equatable {
    case pairs = "pair-based"
    case triplets = "triplet-based"
    case proxies = "proxy-based"
    case mahalanobis = "Mahalanobis"
    case baseline = "baseline"
}
