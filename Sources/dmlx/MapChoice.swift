import ArgumentParser
import DMLXCore
import DMLXEngine

/// `--map` of `view` and `export`: a method to make the map with, or a file holding one
/// (an n × 2 .npy, e.g. written by `dmlx project`).
enum MapChoice: ExpressibleByArgument, Equatable {
    case method(MapMethod)
    case file(String)

    init?(argument: String) {
        self = MapMethod(rawValue: argument).map(MapChoice.method) ?? .file(argument)
    }

    static var help: String {
        MapMethod.allCases.map(\.rawValue).joined(separator: ", ") + ", or an n × 2 .npy map (e.g. from `dmlx project`)"
    }

    /// The given map, checked against the `count` points it must draw.
    static func load(_ path: String, points count: Int) throws -> Matrix<Float> {
        let layout = try NpyLoader.features(path: path)
        guard layout.rows == count, layout.cols == 2 else {
            throw CommandFailure("\(path): expected a map of \(count) × 2 (one 2-D point per embedding), found \(layout.rows) × \(layout.cols)")
        }
        guard layout.isFinite else { throw CommandFailure("\(path): the map holds NaN or infinite coordinates") }
        return layout
    }
}
