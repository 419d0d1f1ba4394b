/// Why the registry could not build a loss or miner.
public enum LossRegistryError: Error, Equatable, CustomStringConvertible {
    case unknownLoss(String, valid: [String])
    case unknownMiner(String, valid: [String])
    case invalidOption(String)

    public var description: String {
        switch self {
        case let .unknownLoss(name, valid):
            return "unknown loss '\(name)'; valid losses: \(valid.joined(separator: ", "))"
        case let .unknownMiner(name, valid):
            return "unknown miner '\(name)'; valid miners: \(valid.joined(separator: ", "))"
        case let .invalidOption(message):
            return message
        }
    }
}
