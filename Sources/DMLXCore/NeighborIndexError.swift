/// Why a neighbour index could not be made or searched, said so a person can act on it.
public struct NeighborIndexError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
