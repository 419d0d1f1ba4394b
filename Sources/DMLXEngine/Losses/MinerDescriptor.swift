/// A miner the registry can list and build.
public struct MinerDescriptor: Sendable {
    public var description: LossDescriptor
    /// Builds the miner; the argument is the command line's margin, used by the
    /// margin-based miners (nil: their default).
    public var make: @Sendable (Double?) -> any Miner

    public init(description: LossDescriptor, make: @escaping @Sendable (Double?) -> any Miner) {
        self.description = description
        self.make = make
    }
}
