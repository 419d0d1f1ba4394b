/// Why a registry could not build a loss, miner or classic method.
public enum LossRegistryError: Error, Equatable, CustomStringConvertible {
    case unknownLoss(String, valid: [String])
    case unknownMiner(String, valid: [String])
    case unknownMethod(String, valid: [String])
    case invalidOption(String)

    public var description: String {
        switch self {
        case let .unknownLoss(name, valid):
            return "unknown loss '\(name)'; valid losses: \(valid.joined(separator: ", "))"
        case let .unknownMiner(name, valid):
            return "unknown miner '\(name)'; valid miners: \(valid.joined(separator: ", "))"
        case let .unknownMethod(name, valid):
            return "unknown method '\(name)'; valid methods: \(valid.joined(separator: ", "))"
        case let .invalidOption(message):
            return message
        }
    }
}
