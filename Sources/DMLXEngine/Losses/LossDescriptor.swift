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

    public init(name: String, formula: String, defaults: String, paper: String) {
        self.name = name
        self.formula = formula
        self.defaults = defaults
        self.paper = paper
    }
}
