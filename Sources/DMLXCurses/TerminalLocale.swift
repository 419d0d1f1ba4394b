import CNcursesw
import DMLXTerm
import Glibc

/// Sets the process locale for the terminal UI and says which glyphs it can show.
///
/// Curses needs the locale set (before `newterm`) to write wide characters; without it
/// braille and box drawing print as junk. Many environments leave the locale unset or at
/// "C" (containers, `ssh` without `SendEnv LANG`, cron) or name a UTF-8 locale that is not
/// installed, while the terminal itself speaks UTF-8: there the locale falls back to
/// `C.UTF-8`. A locale that names another character set on purpose (`en_US.ISO-8859-1`)
/// is respected, and widgets then draw in ASCII.
public enum TerminalLocale {
    public static let utf8Fallback = "C.UTF-8"

    /// Sets the locale from the environment (with the fallback above) and returns the glyphs
    /// for the resulting character set.
    public static func configure() -> Glyphs {
        let loaded = setlocale(LC_ALL, "") != nil
        var glyphs = Glyphs(codeset: currentCodeset())
        if glyphs == .ascii,
           shouldFallBack(requested: requestedLocale { getenv($0).map { String(cString: $0) } }, loaded: loaded),
           setlocale(LC_ALL, utf8Fallback) != nil {
            glyphs = Glyphs(codeset: currentCodeset())
        }
        return glyphs
    }

    /// The locale the environment asks for character handling, by POSIX precedence: the
    /// first non-empty of LC_ALL, LC_CTYPE and LANG.
    public static func requestedLocale(environment: (String) -> String?) -> String? {
        ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap(environment).first { !$0.isEmpty }
    }

    /// Whether a locale whose character set is not UTF-8 should give way to `C.UTF-8`:
    /// when the environment asked for nothing in particular (unset, "C", "POSIX"), asked for
    /// UTF-8, or asked for a locale that could not be loaded.
    public static func shouldFallBack(requested: String?, loaded: Bool) -> Bool {
        guard loaded, let requested else { return true }
        return requested == "C" || requested == "POSIX" || Glyphs(codeset: requested) == .unicode
    }

    private static func currentCodeset() -> String {
        String(cString: nl_langinfo(nl_item(CODESET)))
    }
}
