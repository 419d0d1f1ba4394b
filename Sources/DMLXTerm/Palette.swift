/// Maps colour roles to terminal colours, degrading with the terminal's capability.
///
/// - 256 colours: each role has an xterm-256 index; `.series(i)` and `.classColor(i)` cycle
///   through `seriesColors` and `classColors` (20 hues in the spirit of matplotlib's tab20,
///   so that up to 20 classes stay distinguishable); `.gray(level)` is 232 + level.
/// - 8 colours: each role has an ANSI index 0...7; series and classes cycle through the six
///   chromatic colours (1...6, never black or white, which vanish on one background or the
///   other); greys become black (level < 12) or white; the diverging scale becomes blue,
///   black or red by sign.
/// - No colour: roles become attributes — title, accent, bad and warning are bold, dim is
///   dim, a `.selection` background is reverse video — and everything else relies on shape.
///
/// `.text` and `.background` always map to the terminal's default colours (nil), so the
/// user's own colour scheme shows through.
public struct Palette: Sendable, Equatable {
    public var dim: Int = 244
    public var accent: Int = 39
    public var border: Int = 240
    public var title: Int = 75
    public var good: Int = 41
    public var bad: Int = 203
    public var warning: Int = 214
    public var selection: Int = 24
    public var seriesColors: [Int] = [39, 208, 41, 170, 226, 203, 45, 141]
    public var classColors: [Int] = [
        33, 208, 34, 160, 135, 130, 205, 245, 142, 44,
        111, 215, 114, 210, 183, 180, 218, 250, 186, 123,
    ]

    public init() {}

    public static let standard = Palette()

    /// The 256-colour index of `role`, nil for the terminal's default.
    public func color256(_ role: ColorRole) -> Int? {
        switch role {
        case .text, .background: nil
        case .dim: dim
        case .accent: accent
        case .border: border
        case .title: title
        case .good: good
        case .bad: bad
        case .warning: warning
        case .selection: selection
        case .series(let index): Palette.cycle(seriesColors, index)
        case .classColor(let index): Palette.cycle(classColors, index)
        case .gray(let level): 232 + min(23, max(0, level))
        case .diverging(let level): Palette.divergingColors[min(10, max(0, level + 5))]
        }
    }

    /// The 256-colour diverging scale −5 ... 5: saturating blues, a dark grey, saturating reds.
    static let divergingColors = [21, 20, 19, 18, 17, 236, 52, 88, 124, 160, 196]

    /// The ANSI index (0...7) of `role`, nil for the terminal's default.
    public func color8(_ role: ColorRole) -> Int? {
        switch role {
        case .text, .background: nil
        case .dim: 7
        case .accent, .title: 6
        case .border, .selection: 4
        case .good: 2
        case .bad: 1
        case .warning: 3
        case .series(let index): Palette.cycle([6, 3, 2, 5, 4, 1], index)
        case .classColor(let index): Palette.cycle([4, 3, 2, 1, 5, 6], index)
        case .gray(let level): level < 12 ? 0 : 7
        case .diverging(let level): level < 0 ? 4 : level > 0 ? 1 : 0
        }
    }

    /// `style` as colour indices and attributes for a terminal with `capability`.
    public func resolve(_ style: Style, for capability: ColorCapability) -> ResolvedStyle {
        var resolved = ResolvedStyle(bold: style.bold, reverse: style.reverse, dim: style.dim)
        switch capability {
        case .extended256:
            resolved.foreground = color256(style.foreground)
            resolved.background = color256(style.background)
        case .eight:
            resolved.foreground = color8(style.foreground)
            resolved.background = color8(style.background)
        case .none:
            switch style.foreground {
            case .title, .accent, .bad, .warning: resolved.bold = true
            case .dim: resolved.dim = true
            default: break
            }
            if style.background == .selection { resolved.reverse.toggle() }
        }
        return resolved
    }

    private static func cycle(_ colors: [Int], _ index: Int) -> Int? {
        colors.isEmpty ? nil : colors[((index % colors.count) + colors.count) % colors.count]
    }
}
