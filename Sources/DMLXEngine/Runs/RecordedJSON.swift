import Foundation

/// The JSON files of a run directory, read as objects with errors that name the file.
enum RecordedJSON {
    static func object(at url: URL) throws -> [String: Any] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DatasetError(file: url.path, position: .none, expected: "a readable file", found: error.localizedDescription)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw DatasetError(file: url.path, position: .byte(0), expected: "a JSON object")
        }
        return object
    }
}
