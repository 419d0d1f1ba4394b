/// The parameters of an approximate index, as `--index-params` gives them:
/// comma-separated `key=value` pairs with positive integer values, e.g. `M=32,efSearch=128`
/// or `nlist=4096,nprobe=32`. Keys are those of `NeighborIndexKind.parameters`, spelled
/// as faiss spells them; each may appear once.
public struct NeighborIndexParameters: Sendable, Equatable {
    public private(set) var values: [String: Int] = [:]

    public init() {}

    /// Parses `text` for `kind`, naming the offending pair and what was expected.
    public init(parsing text: String, for kind: NeighborIndexKind) throws(NeighborIndexError) {
        let known = kind.parameters.map(\.key)
        for pair in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0].trimmingSpaces
            guard parts.count == 2, !key.isEmpty else {
                throw NeighborIndexError("--index-params: '\(pair)' is not key=value (e.g. \(Self.example(for: kind)))")
            }
            guard known.contains(key) else {
                let accepted = known.isEmpty ? "it takes none" : "it takes " + known.joined(separator: ", ")
                throw NeighborIndexError("--index-params: the \(kind.rawValue) index has no parameter '\(key)' (\(accepted))")
            }
            guard let value = Int(parts[1].trimmingSpaces), value > 0 else {
                throw NeighborIndexError("--index-params: '\(pair)': \(key) must be a positive integer")
            }
            guard values.updateValue(value, forKey: key) == nil else {
                throw NeighborIndexError("--index-params: \(key) is given twice")
            }
        }
    }

    public subscript(key: String) -> Int? { values[key] }

    private static func example(for kind: NeighborIndexKind) -> String {
        kind == .hnsw ? "M=32,efSearch=128" : "nlist=4096,nprobe=32"
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
