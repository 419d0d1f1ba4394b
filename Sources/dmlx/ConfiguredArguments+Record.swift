import DMLXEngine
import Foundation

extension ConfiguredArguments {
    /// Every option of the command with the value it ran with: given in the file or on
    /// the command line, else its default; options with neither are left out, flags are
    /// true or false. Written beside a run's records, it is a file of options that
    /// `--config` reads back to run the same command again.
    var recordedOptions: [(String, JSONValue)] {
        var given: [String: JSONValue] = [:]
        var index = start
        while index < arguments.endIndex, arguments[index] != "--" {
            let token = arguments[index]
            index += 1
            guard token.hasPrefix("--") else { continue }
            let name = String(token.dropFirst(2).prefix { $0 != "=" })
            if let flag = described.flag(invertedBy: name) {
                given[flag.name] = .bool(false)
            } else if let argument = described.argument(named: name) {
                if argument.isFlag {
                    given[name] = .bool(true)
                } else if let equals = token.firstIndex(of: "=") {
                    given[name] = Self.recorded(String(token[token.index(after: equals)...]))
                } else if index < arguments.endIndex {
                    given[name] = Self.recorded(arguments[index])
                    index += 1
                }
            }
        }
        return described.arguments.compactMap { argument in
            guard argument.name != "config" else { return nil }
            if let value = given[argument.name] { return (argument.name, value) }
            if argument.isFlag { return (argument.name, .bool(argument.defaultValue == "--" + argument.name)) }
            return argument.defaultValue.map { (argument.name, Self.recorded($0)) }
        }
    }

    /// This process's `recordedOptions`, worked out once (they read the `--config` file),
    /// for every record and history directory of the run. `main` has parsed the same
    /// command line already, so this cannot fail.
    static let recordedOptionsOfThisProcess: [(String, JSONValue)] =
        (try? ConfiguredArguments(Array(CommandLine.arguments.dropFirst())))?.recordedOptions ?? []

    /// A number stays a number in the file; everything else is a string.
    private static func recorded(_ text: String) -> JSONValue {
        if let integer = Int(text) { return .integer(integer) }
        if let number = Double(text), number.isFinite, text.first?.isNumber == true || text.first == "-" { return .number(number) }
        return .string(text)
    }

    /// Writes this process's options to `directory/config.json`, one option per line.
    static func writeOptions(into directory: URL) throws {
        let lines = recordedOptionsOfThisProcess.map { "  " + JSONValue.string($0.0).rendered + ": " + $0.1.rendered }
        let text = "{\n" + lines.joined(separator: ",\n") + "\n}\n"
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: directory.appendingPathComponent("config.json"), options: .atomic)
        } catch {
            throw CommandFailure("\(directory.appendingPathComponent("config.json").path): cannot be written (\(error.localizedDescription))")
        }
    }
}
