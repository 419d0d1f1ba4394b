import Foundation

/// Every field of a real checkpoint spoiled in turn, one at a time: each number set to 0,
/// −1, 2⁶², NaN and 1e999 (which JSON cannot hold, so the reader must refuse it as text);
/// each string truncated to half; each array emptied; each object key removed; and each
/// tensor's base64 re-encoded with a NaN and an infinity among its floats.
///
/// The edits are listed up front (cheap) and each mutant is serialised only when asked for.
struct CheckpointFieldMutations {
    private enum Step { case key(String), index(Int) }

    /// Stand-ins serialised as strings, then swapped for the bare tokens JSON lacks.
    private static let tokens = ["NaN", "1e999"]
    private static func placeholder(_ token: String) -> String { "dmlx-fuzz-number-\(token)" }

    private let root: Any
    /// Each edit: where, and the new value (nil: the key removed).
    private let edits: [(path: [Step], value: Any?)]

    init(checkpoint: [UInt8]) throws {
        root = try JSONSerialization.jsonObject(with: Data(checkpoint))
        var edits: [(path: [Step], value: Any?)] = []
        func visit(_ node: Any, _ path: [Step]) {
            edits += Self.replacements(of: node, key: path.last).map { (path, $0) }
            if let object = node as? [String: Any] {
                for key in object.keys.sorted() {
                    edits.append((path + [.key(key)], nil))
                    visit(object[key]!, path + [.key(key)])
                }
            } else if let array = node as? [Any] {
                for (index, element) in array.enumerated() { visit(element, path + [.index(index)]) }
            }
        }
        visit(root, [])
        self.edits = edits
    }

    var count: Int { edits.count }

    /// The checkpoint with edit `index` applied, as JSON text.
    func mutant(_ index: Int) -> [UInt8] {
        let edit = edits[index]
        return Self.serialised(Self.replacing(root, at: edit.path[...], with: edit.value)) ?? []
    }

    private static func replacements(of node: Any, key: Step?) -> [Any] {
        switch node {
        case let text as String:
            var spoiled: [Any] = [String(text.prefix(text.count / 2))]
            if case .key("values")? = key, let data = Data(base64Encoded: text), data.count >= 4 {
                for special in [Float.nan, .infinity] {
                    var floats = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
                    floats[floats.count / 2] = special
                    spoiled.append(floats.withUnsafeBytes { Data($0) }.base64EncodedString())
                }
            }
            return spoiled
        case is NSNumber:
            return [0, -1, 1 << 62] + tokens.map(placeholder)
        case let array as [Any]:
            return array.isEmpty ? [] : [[Any]()]
        default:
            return []
        }
    }

    /// `node` with the value at `path` replaced (or removed, for nil).
    private static func replacing(_ node: Any, at path: ArraySlice<Step>, with value: Any?) -> Any? {
        guard let step = path.first else { return value }
        switch (step, node) {
        case (.key(let key), var object as [String: Any]):
            object[key] = replacing(object[key] as Any, at: path.dropFirst(), with: value)
            return object
        case (.index(let index), var array as [Any]):
            array[index] = replacing(array[index], at: path.dropFirst(), with: value) as Any
            return array
        default:
            return node
        }
    }

    private static func serialised(_ root: Any?) -> [UInt8]? {
        guard let root, var text = (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys]))
            .map({ String(decoding: $0, as: UTF8.self) }) else { return nil }
        for token in tokens { text = text.replacingOccurrences(of: "\"\(placeholder(token))\"", with: token) }
        return Array(text.utf8)
    }
}
