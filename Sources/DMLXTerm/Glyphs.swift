/// Which characters widgets may draw: the full Unicode set (braille, box drawing, markers)
/// or plain ASCII for terminals whose locale is not UTF-8.
public enum Glyphs: Sendable, Equatable, Hashable {
    case unicode
    case ascii

    /// Unicode when the locale's character set (`nl_langinfo(CODESET)`, or the value of
    /// LC_ALL / LC_CTYPE / LANG) names UTF-8, ASCII otherwise.
    public init(codeset: String) {
        let normalized = codeset.lowercased().filter { $0 != "-" && $0 != "_" }
        self = normalized.contains("utf8") ? .unicode : .ascii
    }

    private func pick(_ unicode: Character, _ ascii: Character) -> Character {
        self == .unicode ? unicode : ascii
    }

    public var horizontal: Character { pick("─", "-") }
    public var vertical: Character { pick("│", "|") }
    public var topLeft: Character { pick("┌", "+") }
    public var topRight: Character { pick("┐", "+") }
    public var bottomLeft: Character { pick("└", "+") }
    public var bottomRight: Character { pick("┘", "+") }
    /// A y-axis tick: the axis line with a stub to the left.
    public var yTick: Character { pick("┤", "+") }
    /// An x-axis tick: the axis line with a stub downwards.
    public var xTick: Character { pick("┬", "+") }
    /// Marks truncated text.
    public var ellipsis: Character { pick("…", "~") }
    /// Shows a colour in a legend.
    public var legendMark: Character { pick("■", "#") }
    /// A proxy (class centre) in a scatter plot.
    public var proxyMark: Character { pick("◆", "#") }
    /// The selected point in a scatter plot.
    public var selectedMark: Character { pick("●", "@") }
    /// A neighbour of the selected point in a scatter plot.
    public var neighborMark: Character { pick("○", "o") }
    /// A neighbour of the wrong class.
    public var wrongMark: Character { pick("✗", "x") }
    /// A neighbour drawn far from its point on a non-linear map.
    public var farMark: Character { pick("↯", "!") }
    /// The multiplication sign in sizes such as 80×24.
    public var times: Character { pick("×", "x") }
}
