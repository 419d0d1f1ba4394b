import ArgumentParser
import DMLXEngine
import Foundation

/// A command line with its `--config FILE` read: the file's options go in front of the
/// command line's own, which therefore override them (ArgumentParser keeps the last value
/// of an option and the last of a `--flag`/`--no-flag` pair). Only commands that declare
/// `--config` read one.
struct ConfiguredArguments {
    /// What ArgumentParser parses.
    let arguments: [String]
    /// The subcommand the arguments are for, and its options.
    let command: any ParsableCommand.Type
    let described: CommandArguments
    /// Where the subcommand's own arguments start in `arguments`.
    let start: Int
    private let file: OptionsFile?

    init(_ commandLine: [String]) throws {
        let explicit = DMLX.configuration.subcommands.first { $0._commandName == commandLine.first }
        command = explicit ?? DMLX.configuration.defaultSubcommand ?? DMLX.self
        start = explicit == nil ? 0 : 1
        described = CommandArguments(of: command)
        guard described.argument(named: "config") != nil, let path = Self.configPath(in: commandLine[start...]) else {
            (arguments, file) = (commandLine, nil)
            return
        }
        let file = try OptionsFile.read(path: path)
        self.file = file
        arguments = Array(commandLine[..<start]) + (try Self.tokens(of: file, for: described)) + commandLine[start...]
    }

    /// The value of the last `--config FILE` or `--config=FILE`.
    private static func configPath(in arguments: ArraySlice<String>) -> String? {
        var path: String?
        var index = arguments.startIndex
        while index < arguments.endIndex, arguments[index] != "--" {
            if arguments[index] == "--config", index + 1 < arguments.endIndex {
                path = arguments[index + 1]
                index += 1
            } else if arguments[index].hasPrefix("--config=") {
                path = String(arguments[index].dropFirst("--config=".count))
            }
            index += 1
        }
        return path
    }

    /// The command-line arguments that say what `file` says.
    private static func tokens(of file: OptionsFile, for described: CommandArguments) throws -> [String] {
        try file.entries.flatMap { entry -> [String] in
            guard let argument = described.argument(named: entry.key), argument.name != "config" else {
                let keys = described.arguments.map(\.name).filter { $0 != "config" }
                throw DatasetError(file: file.path, position: .line(entry.line, column: nil),
                                   expected: "an option of this command (\(keys.joined(separator: ", ")))", found: "\"\(entry.key)\"")
            }
            if argument.isFlag {
                guard case .boolean(let on) = entry.value else {
                    throw DatasetError(file: file.path, position: .line(entry.line, column: nil),
                                       expected: "true or false for the flag \(entry.key)", found: Self.text(entry.value))
                }
                if on { return ["--" + argument.name] }
                return argument.inverse.map { ["--" + $0] } ?? []
            }
            guard let text = Self.optionText(entry.value) else {
                throw DatasetError(file: file.path, position: .line(entry.line, column: nil),
                                   expected: "a string, a number or an array of them for \(entry.key)", found: Self.text(entry.value))
            }
            // One token, so that a value such as -1 is not taken for an option.
            return ["--\(argument.name)=\(text)"]
        }
    }

    /// How the command line writes a value: arrays comma-separated, as `--hidden 256,128`.
    private static func optionText(_ value: OptionsFile.Value) -> String? {
        switch value {
        case .string(let text): return text
        case .integer(let integer): return String(integer)
        case .float(let number): return number.isFinite ? "\(number)" : (number.isNaN ? "nan" : number > 0 ? "inf" : "-inf")
        case .boolean: return nil
        case .array(let elements):
            let texts = elements.map { element -> String? in
                if case .array = element { return nil }
                return optionText(element)
            }
            return texts.contains(where: { $0 == nil }) ? nil : texts.map { $0! }.joined(separator: ",")
        }
    }

    private static func text(_ value: OptionsFile.Value) -> String {
        switch value {
        case .boolean(let flag): return String(flag)
        case .array: return "an array"
        default: return optionText(value).map { "\"\($0)\"" } ?? "?"
        }
    }

    /// A parse error of the configured arguments, named by the file and line of the
    /// option it is about when that option came from the file (the option alone, parsed
    /// with the command's defaults, fails the same way).
    func attributing(_ error: any Error) -> any Error {
        guard let file, !(error is CleanExit) else { return error }
        let message = DMLX.message(for: error)
        for entry in file.entries {
            guard let tokens = try? Self.tokens(of: OptionsFile(path: file.path, entries: [entry]), for: described) else { continue }
            do {
                _ = try command.parse(tokens)
            } catch {
                if DMLX.message(for: error) == message {
                    return CommandFailure("\(file.path): line \(entry.line): \(entry.key): \(message)")
                }
            }
        }
        return error
    }
}
