/// Why the terminal UI cannot start.
public enum CursesError: Error, CustomStringConvertible, Equatable {
    /// Standard input or output is not a terminal (a pipe, a file, /dev/null).
    case notATerminal
    /// curses does not know the terminal named by TERM.
    case unknownTerminal(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the terminal UI needs a terminal on standard input and output; for scripts and pipes use `dmlx train` (or `dmlx compare`) with --json"
        case .unknownTerminal(let name):
            return "curses does not know the terminal type \"\(name)\" (TERM); try TERM=xterm-256color"
        }
    }
}
