import ArgumentParser
import Foundation

/// The options and flags a command accepts, as ArgumentParser itself describes them (the
/// description behind `--experimental-dump-help`), so a file of options knows exactly the
/// command line's names and defaults, and a new option needs no second registration.
struct CommandArguments {
    struct Argument {
        /// The long name without dashes, e.g. `batch-size`.
        let name: String
        let isFlag: Bool
        /// For a flag with a `--no-` form: that name.
        let inverse: String?
        /// The default as `--help` shows it, if there is one.
        let defaultValue: String?
    }

    /// In the order of `--help`, `--no-` forms folded into their flag; `--help` left out.
    let arguments: [Argument]

    init(of command: any ParsableCommand.Type) {
        let described = (try? JSONDecoder().decode(Description.self, from: Data(command._dumpHelp().utf8)))?.command.arguments ?? []
        let named = described.compactMap { argument in
            argument.names?.first { $0.kind == "long" }.map { (name: $0.name, argument: argument) }
        }
        let flagNames = Set(named.filter { $0.argument.kind == "flag" }.map(\.name))
        arguments = named.compactMap { name, argument in
            let isFlag = argument.kind == "flag"
            guard name != "help", !(isFlag && name.hasPrefix("no-") && flagNames.contains(String(name.dropFirst(3)))) else { return nil }
            return Argument(name: name, isFlag: isFlag, inverse: isFlag && flagNames.contains("no-" + name) ? "no-" + name : nil,
                            defaultValue: argument.defaultValue)
        }
    }

    func argument(named name: String) -> Argument? {
        arguments.first { $0.name == name }
    }

    /// The flag a `--no-NAME` switches off.
    func flag(invertedBy name: String) -> Argument? {
        arguments.first { $0.inverse == name }
    }

    // ArgumentParser's help description (ToolInfoV0), the fields read here.
    private struct Description: Decodable {
        struct Command: Decodable { let arguments: [Entry]? }
        struct Entry: Decodable {
            struct Name: Decodable { let kind: String; let name: String }
            let kind: String
            let names: [Name]?
            let defaultValue: String?
        }
        let command: Command
    }
}
